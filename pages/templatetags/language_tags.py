from django import template

from pages import navigation
from sitewide import languages

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """Where each language leads from this page (cached on the request). On a page's own
    route (the library's /publications/<slug>/), `subpage_path` follows each page URL."""
    request = context["request"]
    if context.get("language_versions"):  # a route that knows its own (online editions)
        return context["language_versions"]
    if not hasattr(request, "_inpud_language_versions"):
        page = context.get("page")
        if page:
            versions = navigation.language_versions(request, page)
            subpage_path = context.get("subpage_path", "")
            for version in versions:
                if version["url"] and subpage_path:
                    version["url"] += subpage_path
        else:
            versions = languages.interface_versions(request)
        request._inpud_language_versions = versions
    return request._inpud_language_versions


@register.simple_tag
def content_language(page, text_language=""):
    """The language the page's text is in; `text_language` when a route shows text of its
    own (the library's online editions)."""
    if text_language:
        return text_language
    return languages.content_language(page) if page else languages.active_language()


@register.simple_tag
def canonical_page(page):
    return languages.canonical_page(page)


@register.filter
def in_language(url, language_code):
    return languages.url_in_language(url, language_code)
