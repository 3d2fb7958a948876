"""Site search: /<lang>/search/?q=... over the live, public pages of the visitor's language
and the library's publications, in one list.

Publications come first (newest first, as the library lists them), then pages (best match
first). A publication is found as the library's own search finds it (its title, summary,
category, and the text of its public files: documents/queries.py `found_publications`),
and leads to its page in the library, not to a file; it says which file the visitor would
get there, in their language by the library's fallback (sitewide/languages.py).

Visitors' queries are never stored (no search-promotion hit logging): reading about drugs
can be dangerous for them, and their privacy matters more than search analytics.
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

from documents.library_page import found_in_library
from documents.queries import found_publications
from hosting import query_rules
from hosting.page_cache import generation
from sitewide import languages
from sitewide.pagination import page_number
from sitewide.search_backend import clean_query, query_was_shortened

RESULTS_PER_PAGE = 10


QUERY_PARAMETERS = ("q", "page")


@dataclass
class FoundPage:
    kind = "page"

    title: str
    url: str
    description: str
    language: str


class SiteResults:
    """Publications then pages, as one sequence the paginator reads a window of: two
    counts, then only the rows of the page of results shown."""

    def __init__(self, request, publication_ids, pages):
        self.request, self.pages = request, pages
        self.publication_ids = publication_ids  # newest first: the count and every window

    @cached_property
    def publication_count(self):
        return len(self.publication_ids)

    @cached_property
    def page_count(self):
        return self.pages.count()

    def count(self):
        return self.publication_count + self.page_count

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        start, stop = window.start or 0, window.stop
        found, publications = [], self.publication_count
        if start < publications:
            wanted = self.publication_ids[start : min(stop, publications)]
            found += found_in_library(self.request, wanted)
        if stop > publications:
            pages = self.pages[max(start - publications, 0) : stop - publications]
            found += [
                FoundPage(
                    title=page.title,
                    url=languages.in_active_language(page.get_url(self.request) or ""),
                    description=page.search_description,
                    language=languages.language_of_locale(page.locale_id),
                )
                for page in pages
            ]
        return found


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
        pages = Page.objects.live().public().filter(locale_id__in=locales)
        found = SiteResults(request, found_publications(query), pages.search(query))
        number = page_number(request.GET.get("page"))
        page_was_invalid = number is None and "page" in request.GET
        # A number past the last page gives the last page.
        results = Paginator(found, RESULTS_PER_PAGE).get_page(number or 1)
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
