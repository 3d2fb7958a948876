"""The document library page: the list, one page per publication, permanent links."""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Collection, CollectionViewRestriction, Locale, Page
from wagtail.search.backends import get_search_backend

from documents.filters import parse_library_query
from documents.languages import FILE_LANGUAGES, language_name_local, language_name_translated
from documents.serving import serve_document
from pages import cache as page_cache

MAX_SEARCH_RESULTS = 1000


def restricted_collection_ids():
    """Collections with a view restriction, and their descendants (two queries)."""
    paths = list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))
    if not paths:
        return []
    condition = reduce(or_, (Q(path__startswith=p) for p in paths))
    return list(Collection.objects.filter(condition).values_list("pk", flat=True))


def public_files(restricted):
    from documents.models import PublicationFile

    return PublicationFile.objects.exclude(document__collection_id__in=restricted)


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


def _link(publication_file):
    document = publication_file.document
    return FileLink(
        url=document.url,
        language=document.language,
        language_name=language_name_local(document.language),
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

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    template = "documents/document_library_page.html"

    class Meta:
        verbose_name = "document library page"

    # Routes -------------------------------------------------------------------------

    @path("")
    def library_index(self, request):
        return self.render(request, context_overrides=self.listing_context(request))

    @path("publications/<slug:slug>/")
    def publication_detail(self, request, slug):
        return self.render(
            request,
            template="documents/publication_detail.html",
            context_overrides=self.detail_context(request, slug),
        )

    @path("<slug:series_key>/")
    def permanent_link(self, request, series_key):
        """The current version of a series, in the URL's language, else English."""
        from documents.models import PublicationSeries

        series = PublicationSeries.objects.filter(key=series_key).first()
        current = series.current_version() if series else None
        chosen, _is_fallback = current.file_for(get_language()) if current else (None, False)
        if chosen is None:
            raise Http404("No such series, or it has no file yet.")
        document = chosen.document
        response = serve_document(
            request,
            document,
            max_age=getattr(settings, "DOCUMENTS_PERMALINK_CACHE_SECONDS", 300),
        )
        if response.status_code in (200, 206):
            response["Content-Language"] = document.language
            response["Link"] = f'<{request.build_absolute_uri(document.url)}>; rel="canonical"'
        return response

    # Context ------------------------------------------------------------------------

    def _localized_categories(self):
        """{translation_key: name in the visitor's language}, and the filter options."""
        from documents.models import Category

        active = Locale.get_active()
        default = Locale.get_default()
        chosen = {}
        for category in Category.objects.filter(locale__in=[active, default]).order_by("name"):
            key = category.translation_key
            if key not in chosen or category.locale_id == active.pk:
                chosen[key] = category
        options = sorted(chosen.values(), key=lambda c: c.name.casefold())
        return {key: c.name for key, c in chosen.items()}, options

    def library_url(self, request):
        """This page's address in the visitor's language: the English page also answers
        /fr/resources/ while no French tree exists, and its links must stay in French."""
        url = self.get_url(request) or "/"
        own, language = f"/{self.locale.language_code}/", get_language()
        if url.startswith(own) and language != self.locale.language_code:
            url = f"/{language}/" + url[len(own) :]
        return url

    def _entries(self, publications, names, language, base):
        from documents.models import current_publication_ids

        publications = list(publications)
        current = current_publication_ids({p.series_id for p in publications if p.series_id})
        entries = []
        for publication in publications:
            main, is_fallback = publication.file_for(language)
            status = ""
            if publication.series_id:
                is_current = current.get(publication.series_id) == publication.pk
                status = "current" if is_current else "superseded"
            entries.append(
                PublicationEntry(
                    publication=publication,
                    category_name=names.get(publication.category.translation_key, "")
                    if publication.category
                    else "",
                    main_file=_link(main) if main else None,
                    is_fallback=is_fallback,
                    files=[_link(f) for f in publication.files.all()],
                    detail_url=base
                    + self.reverse_subpage("publication_detail", kwargs={"slug": publication.slug}),
                    status=status,
                )
            )
        return entries

    def _publications(self, restricted):
        from documents.models import Publication

        visible = public_files(restricted)
        return (
            Publication.objects.filter(Exists(visible.filter(publication=OuterRef("pk"))))
            .select_related("category", "series")
            .prefetch_related(
                Prefetch(
                    "files",
                    # The PDF's extracted text (up to 50 kB a file) is for the search index.
                    queryset=visible.select_related("document")
                    .defer("document__extracted_text")
                    .order_by("sort_order", "pk"),
                )
            )
        )

    def listing_context(self, request):
        names, categories = self._localized_categories()
        query = parse_library_query(request.GET, {c.slug for c in categories})
        restricted = restricted_collection_ids()
        publications = self._publications(restricted)
        if query.category:
            publications = publications.filter(category__slug=query.category)
        if query.language:
            publications = publications.filter(
                Exists(
                    public_files(restricted).filter(
                        publication=OuterRef("pk"), document__language=query.language
                    )
                )
            )
        if query.year:
            publications = publications.filter(publication_date__year=query.year)
        if query.q:
            from documents.models import Publication

            found = get_search_backend().search(query.q, Publication.objects.all(), operator="and")[
                :MAX_SEARCH_RESULTS
            ]
            publications = publications.filter(pk__in=[p.pk for p in found])

        paginator = Paginator(publications.order_by("-publication_date", "-pk"), self.per_page)
        page_param = request.GET.get("page", "1")
        try:
            number = int(page_param)
            if number < 1:
                raise ValueError
        except ValueError:
            query.messages.append(_("There is no such page of results; showing the first."))
            number = 1
        if number > paginator.num_pages:
            query.messages.append(_("There is no such page of results; showing the last."))
            number = paginator.num_pages
        page_obj = paginator.page(number)

        base = self.library_url(request)
        params = request.GET.copy()
        params.pop("page", None)
        language = get_language()
        return {
            "query": query,
            "categories": categories,
            "languages": [(code, language_name_translated(code)) for code, _n in FILE_LANGUAGES],
            "entries": self._entries(page_obj.object_list, names, language, base),
            "page_obj": page_obj,
            "paginator": paginator,
            "filter_querystring": params.urlencode(),
            "visitor_language": language,
            "library_url": base,
        }

    def detail_context(self, request, slug):

        restricted = restricted_collection_ids()
        publication = self._publications(restricted).filter(slug=slug).first()
        if publication is None:
            raise Http404("No such publication.")
        names, _categories = self._localized_categories()
        language, base = get_language(), self.library_url(request)
        entry = self._entries([publication], names, language, base)[0]
        versions, current, permalink = [], None, ""
        if publication.series:
            current = publication.series.current_version()
            permalink = base + self.reverse_subpage(
                "permanent_link", kwargs={"series_key": publication.series.key}
            )
            others = self._publications(restricted).filter(series=publication.series)
            versions = self._entries(others, names, language, base)
        return {
            "entry": entry,
            "publication": publication,
            "current_version": current,
            "versions": versions,
            "permalink": permalink,
            "visitor_language": language,
            "library_url": base,
        }


def series_permalink(request, series_key):
    """The permanent link of a series (e.g. /fr/resources/strategic-plan/) in the visitor's
    language, for pages that link to "the current Strategic Plan". Empty without a library.
    The library's address is remembered until the next published change (pages/cache.py)."""
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
    return f"{library_url}{series_key}/" if library_url else ""
