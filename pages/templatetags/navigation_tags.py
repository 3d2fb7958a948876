from django import template

from hosting import page_cache
from pages import navigation
from pages.identity import site_logo_for

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    return {"items": navigation.menu_items(context["request"], context.get("page"))}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    crumbs = navigation.neighbourhood(context["request"], page).ancestors
    return {"request": context["request"], "crumbs": crumbs, "page": page}


@register.inclusion_tag("includes/section_links.html", takes_context=True)
def section_links(context, page, exclude=None):
    """Links to a page's sub-pages, leaving out one already linked above (exclude=<page>)."""
    children = navigation.neighbourhood(context["request"], page).children
    left_out = exclude.translation_key if exclude else None
    children = [link for child, link in children if child.translation_key != left_out]
    return {"request": context["request"], "children": children, "page": page}


@register.simple_tag(takes_context=True)
def link_in_language(context, page, target):
    """A link to `target` (a page chosen in one of `page`'s fields) in the visitor's
    language: its translation, else the English page under the visitor's language prefix,
    as menus link. Free when `target` is one of `page`'s sub-pages, as the section links
    already hold them."""
    if target is None or not target.live:
        return None
    request = context["request"]
    for child, link in navigation.neighbourhood(request, page).children:
        if child.translation_key == target.translation_key:
            return link
    return navigation.localized_links(request, [navigation.english_source(target)])[0]


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    request = context["request"]
    footer = navigation.footer_for(request)
    legal_links = navigation.footer_legal_links(request, footer) if footer else []
    return {
        "request": request,
        "footer": footer,
        "legal_links": legal_links,
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }


@register.inclusion_tag("includes/site_logo.html", takes_context=True)
def site_logo(context):
    """The logo editors chose (Settings > Site identity), else the wordmark."""
    return {"logo": site_logo_for(context["request"])}


@register.simple_tag(takes_context=True)
def home_url(context):
    return navigation.home_link(context["request"], context.get("page"))


@register.simple_tag
def content_generation():
    """Changes whenever anything visitors see is published: a key for fragment caches."""
    return page_cache.generation()
