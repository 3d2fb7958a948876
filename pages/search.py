"""Site search: /<lang>/search/?q=... over the live, public pages of the visitor's language.

Visitors' queries are never stored (no search-promotion hit logging): reading about drugs
can be dangerous for them, and their privacy matters more than search analytics.
"""

import re

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

from pages import i18n

MAX_QUERY_LENGTH = 200
WORDS = re.compile(r"[^\W_]+")
RESULTS_PER_PAGE = 10


def clean_query(raw):
    """Words only, whitespace collapsed, length capped.

    Quotes, operators and other punctuation mean something to the full-text engines
    (SQLite FTS5, PostgreSQL tsquery) and a stray one is a syntax error there, so they
    are dropped: visitors search for words, in any script."""
    return " ".join(WORDS.findall(raw[: MAX_QUERY_LENGTH * 2]))[:MAX_QUERY_LENGTH]


def search(request):
    query = clean_query(request.GET.get("q", ""))
    results = None
    if query:
        # Pages in the visitor's language, and English ones (the site's structure) so a
        # partly translated site still finds everything; results carry their language.
        languages = {i18n.active_language(), i18n.default_language()}
        locales = i18n.locale_ids(languages)
        pages = Page.objects.live().public().filter(locale_id__in=locales).specific()
        paginator = Paginator(pages.search(query), RESULTS_PER_PAGE)
        results = paginator.get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "pages/search.html",
        {
            "search_query": query,
            "results": results,
            "query_was_cut": len(request.GET.get("q", "")) > MAX_QUERY_LENGTH,
        },
    )
