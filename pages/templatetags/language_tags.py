from django import template

from pages import i18n, navigation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """Where each language leads from this page (cached on the request)."""
    request = context["request"]
    if not hasattr(request, "_inpud_language_versions"):
        page = context.get("page")
        request._inpud_language_versions = (
            navigation.language_versions(request, page)
            if page
            else i18n.interface_versions(request)
        )
    return request._inpud_language_versions


@register.simple_tag
def content_language(page):
    return i18n.content_language(page) if page else i18n.active_language()


@register.filter
def in_language(url, language_code):
    return i18n.url_in_language(url, language_code)
