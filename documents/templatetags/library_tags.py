from django import template
from django.utils.safestring import mark_safe

from documents import file_facts as facts
from documents.languages import in_sentence
from documents.languages import language_name_translated as name_translated
from documents.library_page import current_version_link
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


@register.filter
def language_name_translated(code):
    """{{ "en"|language_name_translated }}: "anglais" for a French visitor."""
    return name_translated(code)


@register.simple_tag(takes_context=True)
def current_in_series(context, series_key):
    """{% current_in_series "strategic-plan" as plan %}: the series' current version, with
    its file in the visitor's language (else English) and that file's format and size;
    None without a series or a visible file."""
    return current_version_link(context["request"], series_key)


@register.inclusion_tag("includes/file_facts.html")
def file_facts(file, pages=None):
    """{% file_facts document %} or {% file_facts link pages=link.page_count %}: "(PDF,
    1.2 MB, in English)" after a link to a file (a document or a library download link)."""
    return {"facts": facts.facts_of(file) if file else None, "pages": pages}


@register.filter
def with_file_facts(expanded_html):
    """Rich text with each document link's format, size and language after it."""
    return mark_safe(facts.with_file_facts(str(expanded_html)))  # noqa: S308 (Wagtail's own HTML)
