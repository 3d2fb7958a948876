from django import template
from django.utils.translation import get_language

from documents.library_page import file_link, series_permalink
from documents.models import CURRENT_FIRST
from documents.queries import live_publications, read_listed
from news import listing

register = template.Library()


@register.simple_tag(takes_context=True)
def latest_news(context, count=3):
    """{% latest_news 3 as entries %}: the newest items in the visitor's language (English
    ones where not translated), for the home page."""
    return listing.latest_entries(context["request"], count)


@register.simple_tag(takes_context=True)
def publication_link(context, value):
    """The download a publication link block leads to: the publication's visible file in
    the visitor's language (else English), or for a series its permanent link with the
    current version's facts. None when nothing public is left to link to."""
    series, publication = value.get("series"), value.get("publication")
    if series is not None:
        wanted = live_publications().filter(series=series).order_by(*CURRENT_FIRST)[:1]
    elif publication is not None:
        wanted = live_publications().filter(pk=publication.pk)
    else:
        return None
    listed = read_listed(wanted.values("pk"))
    if not listed:
        return None
    chosen, _is_fallback = listed[0].file_for(get_language())
    if chosen is None:
        return None
    link = file_link(chosen)
    link.title = listed[0].publication.title
    if series is not None:
        link.url = series_permalink(context["request"], series.key) or link.url
    return link


@register.simple_tag(takes_context=True)
def item_facts(context, item):
    """{% item_facts page as facts %}: the item's type and topic names in the visitor's
    language, and its related items as links in the visitor's language."""
    return listing.item_facts(context["request"], item)


@register.simple_tag(takes_context=True)
def news_section_url(context):
    """The news section's address in the visitor's language ("" without one)."""
    return listing.section_url(context["request"])
