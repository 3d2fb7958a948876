"""Site search: /<lang>/search/?q=... over the live, public pages of the visitor's language.

Visitors' queries are never stored (no search-promotion hit logging): reading about drugs
can be dangerous for them, and their privacy matters more than search analytics.
"""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

from hosting import query_rules
from hosting.page_cache import generation
from sitewide import languages
from sitewide.pagination import page_number
from sitewide.search_backend import clean_query, query_was_shortened

RESULTS_PER_PAGE = 10


QUERY_PARAMETERS = ("q", "page")


def search(request):
    query_rules.remember(request, generation(), QUERY_PARAMETERS)
    typed = request.GET.get("q", "")
    query = clean_query(typed)
    results, page_was_invalid = None, False
    if query:
        # Pages in the visitor's language, and English ones (the site's structure) so a
        # partly translated site still finds everything; results carry their language.
        wanted = {languages.active_language(), languages.default_language()}
        locales = languages.locale_ids(wanted)
        pages = Page.objects.live().public().filter(locale_id__in=locales).specific()
        number = page_number(request.GET.get("page"))
        page_was_invalid = number is None and "page" in request.GET
        # A number past the last page gives the last page.
        results = Paginator(pages.search(query), RESULTS_PER_PAGE).get_page(number or 1)
    return TemplateResponse(
        request,
        "pages/search.html",
        {
            "search_query": query,
            "results": results,
            "query_was_cut": query_was_shortened(typed),
            "page_was_invalid": page_was_invalid,
        },
    )
