from django import template

from documents.languages import in_sentence
from documents.library_page import series_permalink as series_permalink_url

register = template.Library()


@register.simple_tag(takes_context=True)
def series_permalink(context, series_key):
    """{% series_permalink "strategic-plan" as url %}: the series' current file, always."""
    return series_permalink_url(context["request"], series_key)


@register.filter
def mid_sentence(language_name):
    """{{ name|mid_sentence }}: "en anglais", not "en Anglais", for a French visitor."""
    return in_sentence(language_name)
