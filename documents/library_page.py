"""The document library page: the list, one page per publication, permanent links."""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect, QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from documents import permalinks
from documents.edition_page import READ_PATH, edition_languages, read_edition
from documents.editions import OnlineEdition, edition_offered, offered_edition
from documents.filters import parse_library_query
from documents.languages import FILE_LANGUAGES, language_name_translated
from documents.publications import CURRENT_FIRST, PublicationSeries
from documents.queries import (
    categories_in,
    current_version,
    found_publications,
    is_public_document,
    library_index,
    listed_publications,
    live_publications,
    read_listed,
    read_remembered,
)
from hosting import page_cache
from sitewide import languages
from sitewide.pagination import page_number


@dataclass
class FileLink:
    """One download link as the template prints it."""

    url: str
    language: str
    language_name: str  # in the language itself: "Français"
    language_name_translated: str  # in the visitor's language
    file_type: str
    size: int | None
    page_count: int | None
    title: str


@dataclass
class PublicationEntry:
    publication: object
    category_name: str
    main_file: FileLink | None
    is_fallback: bool
    files: list
    detail_url: str
    status: str  # "current", "superseded", or "" outside a series


def file_link(publication_file):
    """A language file as download links print it (other apps link publications too)."""
    document = publication_file.document
    return FileLink(
        url=document.url,
        language=document.language,
        language_name=languages.language_name(document.language),
        language_name_translated=language_name_translated(document.language),
        file_type=document.file_type_label,
        size=document.file_size,
        page_count=document.page_count,
        title=document.title,
    )


class DocumentLibraryPage(RoutablePageMixin, Page):
    """INPUD's publications: a searchable list, a page per publication, and permanent
    links (/en/resources/strategic-plan/) that always lead to a series' current version."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A sentence or two above the list: what visitors will find here.",
    )
    per_page = models.PositiveSmallIntegerField(
        default=20,
        validators=[MinValueValidator(5), MaxValueValidator(100)],
        help_text="How many publications each page of the list shows (5 to 100).",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("per_page")]

    # Under a language's home page; the library names no page type of another app (the
    # home page lists the library among its children, pages/models.py).
    subpage_types = []
    max_count_per_parent = 1

    template = "documents/document_library_page.html"
    # What the listing reads from its address (the page cache keys on these only).
    query_parameters = ("q", "category", "language", "year", "page")

    class Meta:
        verbose_name = "document library page"

    @classmethod
    def can_exist_under(cls, parent):
        return parent.depth == languages.HOME_DEPTH and super().can_exist_under(parent)

    # Routes -------------------------------------------------------------------------

    @path("")
    def library_index(self, request):
        context = self.listing_context(request)
        if "last_page" in context:  # past the end of the results (an old link, say)
            params = request.GET.copy()
            params["page"] = context["last_page"]
            return HttpResponseRedirect(f"{context['library_url']}?{params.urlencode()}")
        return self.render(request, context_overrides=context)

    @path("publications/<slug:slug>/")
    def publication_detail(self, request, slug):
        return self.render(
            request,
            template="documents/publication_detail.html",
            context_overrides=self.detail_context(request, slug),
        )

    @path("publications/<slug:slug>/read/")
    def online_edition(self, request, slug):
        """The publication's online edition (documents/editions.py), in the URL's language
        where one is published, else in English."""
        return self.render(
            request,
            template="documents/online_edition.html",
            context_overrides=self.edition_context(request, slug),
        )

    @path("<slug:series_key>/")
    def permanent_link(self, request, series_key):
        """The current version of a series, in the URL's language, else English."""
        series = PublicationSeries.objects.filter(key=series_key).first()
        current = current_version(series) if series else None
        chosen, _is_fallback = current.file_for(get_language()) if current else (None, False)
        if chosen is None:
            raise Http404("No such series, or it has no file yet.")
        document = chosen.document
        is_public = is_public_document(document)
        if is_public:  # the next requests are answered from the cache (documents/permalinks.py)
            permalinks.remember(request, document)
        return permalinks.serve_permalink(request, document, is_public=is_public)

    def get_sitemap_urls(self, request=None):
        """The library, the page of each publication it lists, and the online editions in
        this page's language (an edition shown under another language's prefix is canonical
        in its own): what hosting/sitemap.py lists. Two queries."""
        entries = super().get_sitemap_urls(request)
        base = entries[0]["location"]

        def below(route, slug):
            return base + self.reverse_subpage(route, kwargs={"slug": slug}).lstrip("/")

        for slug, published in listed_publications().values_list("slug", "last_published_at"):
            entries.append({"location": below("publication_detail", slug), "lastmod": published})
        editions = OnlineEdition.objects.filter(
            live=True, locale_id=self.locale_id, publication__in=listed_publications()
        ).order_by("publication__slug")
        for slug, published in editions.values_list("publication__slug", "last_published_at"):
            location = below("publication_detail", slug) + READ_PATH
            entries.append({"location": location, "lastmod": published})
        return entries

    # Context ------------------------------------------------------------------------

    def library_url(self, request):
        """This page's address in the visitor's language: the English page also answers
        /fr/resources/ while no French tree exists, and its links must stay in French."""
        return languages.in_active_language(self.get_url(request) or "/")

    def _entries(self, listed, language, base, categories):
        names = {c.translation_key: c.name for c in categories}
        entries = []
        for item in listed:
            publication = item.publication
            main, is_fallback = item.file_for(language)
            status = {True: "current", False: "superseded", None: ""}[item.is_current]
            category = publication.category
            entries.append(
                PublicationEntry(
                    publication=publication,
                    category_name=names.get(category.translation_key, "") if category else "",
                    main_file=file_link(main) if main else None,
                    is_fallback=is_fallback,
                    files=[file_link(f) for f in item.files],
                    detail_url=base
                    + self.reverse_subpage("publication_detail", kwargs={"slug": publication.slug}),
                    status=status,
                )
            )
        return entries

    def _matching(self, query):
        """The ids of the listed publications `query` selects, newest first."""
        found = set(found_publications(query.q)) if query.q else None
        return [
            entry.pk
            for entry in library_index()
            if (not query.category or entry.category_slug == query.category)
            and (not query.language or query.language in entry.file_languages)
            and (query.year is None or entry.year == query.year)
            and (found is None or entry.pk in found)
        ]

    def listing_context(self, request):
        language = get_language()
        categories = categories_in(language)
        query = parse_library_query(request.GET, {c.slug for c in categories})
        paginator = Paginator(self._matching(query), self.per_page)
        number = _page_number(request.GET.get("page", "1"), query.messages)
        base = self.library_url(request)
        if number > paginator.num_pages:
            return {"last_page": paginator.num_pages, "library_url": base}
        listed = read_remembered(request, paginator.page(number).object_list)

        # Only the library's own filters go on into its page links (never a tracking
        # parameter a visitor arrived with: the page cache does not key on those).
        params = QueryDict(mutable=True)
        for name in ("q", "category", "language", "year"):
            params.setlist(name, request.GET.getlist(name))
        return {
            "query": query,
            "categories": categories,
            "languages": [(code, language_name_translated(code)) for code, _n in FILE_LANGUAGES],
            "entries": self._entries(listed, language, base, categories),
            "page_obj": PaginatorPage(listed, number, paginator),
            "paginator": paginator,
            "filter_querystring": params.urlencode(),
            "visitor_language": language,
            "library_url": base,
        }

    def detail_context(self, request, slug):
        """The publication and every version of its series, read in one query."""
        series = live_publications().filter(slug=slug, series__isnull=False).values("series_id")
        wanted = listed_publications().filter(Q(slug=slug) | Q(series_id__in=series))
        language, base = get_language(), self.library_url(request)
        listed = read_listed(wanted, **offered_edition(language))
        entries = self._entries(listed, language, base, categories_in(language))
        entry = next((e for e in entries if e.publication.slug == slug), None)
        if entry is None:
            raise Http404("No such publication.")
        item = next(item for item in listed if item.publication.slug == slug)
        publication = entry.publication
        permalink, permalink_file, versions = "", None, []
        if publication.series_id:
            permalink = base + self.reverse_subpage(
                "permanent_link", kwargs={"series_key": publication.series.key}
            )
            versions = entries
            # What the permanent link serves: the current version's file for this visitor.
            current = next((e for e in entries if e.status == "current"), None)
            permalink_file = current.main_file if current else None
        return {
            "meta_title": publication.title,
            "meta_description": publication.summary,
            "subpage_path": self.reverse_subpage("publication_detail", kwargs={"slug": slug}),
            "entry": entry,
            # (language, compressed bytes) of the online edition offered, if any
            "edition": edition_offered(item.files[0]),
            "edition_url": entry.detail_url + READ_PATH,
            "publication": publication,
            "versions": versions,
            "permalink": permalink,
            "permalink_file": permalink_file,
            "visitor_language": language,
            "library_url": base,
        }

    def edition_context(self, request, slug):
        language, base = get_language(), self.library_url(request)
        edition, listed, editions = read_edition(slug, language)
        publication = listed.publication
        detail_path = self.reverse_subpage("publication_detail", kwargs={"slug": slug})
        here = base + detail_path + READ_PATH
        main, is_fallback = listed.file_for(language)
        return {
            "meta_title": edition.title,
            "meta_description": publication.summary,
            "subpage_path": detail_path + READ_PATH,
            "edition": edition,
            "publication": publication,
            "publication_url": base + detail_path,
            "main_file": file_link(main) if main else None,
            "file_is_fallback": is_fallback,
            # The text's own language and address: English under /fr/ is marked so, and
            # its canonical address is the English one (base.html reads these).
            "text_language": edition.language,
            "canonical_path": languages.url_in_language(here, edition.language),
            "language_versions": edition_languages(request, here, editions),
            "library_url": base,
        }


def _page_number(value, messages):
    """The `page` parameter as a number from 1; anything else gives page 1, with a word. A
    number past the end leads to the last page (library_index)."""
    number = page_number(value)
    if number is None:
        messages.append(_("There is no such page of results; showing the first."))
        number = 1
    return number


def series_permalink(request, series_key):
    """The permanent link of a series (e.g. /fr/resources/strategic-plan/) in the visitor's
    language, for pages that link to "the current Strategic Plan". Empty without a library."""
    library_url = library_address(request)
    return f"{library_url}{series_key}/" if library_url else ""


def library_address(request):
    """The library's address in the visitor's language (/fr/resources/), "" without one.
    Remembered until the next published change (hosting/page_cache.py)."""
    key = f"inpud:library-url:{page_cache.generation()}:{get_language()}:{request.get_host()}"
    library_url = cache.get(key)
    if library_url is None:
        library = (
            DocumentLibraryPage.objects.live()
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .only("url_path", "locale_id", "path", "depth")
            .first()
        )
        library_url = library.library_url(request) if library else ""
        cache.set(key, library_url, 3600)
    return library_url


@dataclass
class FoundPublication:
    """A publication as the site search lists it: its page in the library, and the file a
    visitor would get there (in their language, else English, else any)."""

    kind = "publication"

    title: str
    url: str
    summary: str
    file: FileLink | None
    is_fallback: bool


def found_in_library(request, ids):
    """[FoundPublication, ...] of the listed publications `ids` (e.g. one page of search
    results), in that order (documents/queries.py read_remembered). Each leads to its page
    in the library, not to a file."""
    library_url = library_address(request)
    if not library_url:
        return []
    language, routes = get_language(), DocumentLibraryPage.get_resolver()
    found = []
    for item in read_remembered(request, ids):
        chosen, is_fallback = item.file_for(language)
        detail = routes.reverse("publication_detail", slug=item.publication.slug)
        found.append(
            FoundPublication(
                title=item.publication.title,
                url=library_url + detail.lstrip("/"),
                summary=item.publication.summary,
                file=file_link(chosen) if chosen else None,
                is_fallback=is_fallback,
            )
        )
    return found


def current_version_link(request, series_key):
    """The current version of a series as a FileLink (its title, the file in the visitor's
    language, else English, with format and size) leading to the series' permanent link;
    None when the series has no visible file. Remembered until the next published change
    (the home page asks on every view)."""
    key = f"inpud:current-link:{page_cache.generation()}:{series_key}:{get_language()}"
    key += f":{request.get_host()}"
    link = cache.get(key, False)
    if link is False:
        link = _current_version_link(request, series_key)
        cache.set(key, link, page_cache.CACHE_SECONDS)
    return link


def _current_version_link(request, series_key):
    wanted = (
        live_publications().filter(series__key=series_key).order_by(*CURRENT_FIRST).values("pk")
    )[:1]
    listed = read_listed(wanted)
    chosen, _is_fallback = listed[0].file_for(get_language()) if listed else (None, False)
    if chosen is None:
        return None
    link = file_link(chosen)
    link.title = listed[0].publication.title
    link.url = series_permalink(request, series_key) or link.url
    return link
