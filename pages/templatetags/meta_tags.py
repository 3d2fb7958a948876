from django import template
from django.utils.text import Truncator
from wagtail.rich_text import get_text_for_indexing

register = template.Library()

DESCRIPTION_LENGTH = 160


def plain_text(text, length=DESCRIPTION_LENGTH):
    """Text for a meta description: tags dropped (with a space between paragraphs),
    entities read as the characters they stand for, whitespace collapsed, cut at `length`
    characters. The template escapes the result once, as for any text."""
    words = get_text_for_indexing(str(text or "")).split()
    return Truncator(" ".join(words)).chars(length)


@register.simple_tag
def meta_description(page, description=""):
    """A page's description for search engines and link previews: the view's own (a
    publication's summary), else the page's search description, else its intro."""
    source = description or getattr(page, "search_description", "") or getattr(page, "intro", "")
    return plain_text(source)
