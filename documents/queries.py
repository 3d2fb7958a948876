"""What visitors may see of the library, read in as few queries as a page needs.

Visitors only ever see *published* publications (`live_publications`): a draft (a new
publication not yet approved, or a later draft, which is a revision and never in the
table) is nowhere in the library, the search, the permanent links or the sitemap, and
its files are not public. Every reader below asks this module, never the table itself.
A language file is visible unless its document sits in a collection with a view
restriction, or below one; a publication is listed when one of its files is visible.
A document is public (`is_public_document`) when nothing restricts it and something live
uses it: a publication, or a live page anyone may read.
The library reads publications *through their visible files*: one query returns the files
of the publications wanted, each with its document, publication, category and series, and
whether the publication is its series' current version. The list and its searches
filter an index of every listed publication that is remembered until the next published
change (`library_index`), and read the publications of a page of results as the site
search does (`read_remembered`): a search with a new query costs one query, its matches.
"""

from dataclasses import dataclass
from typing import NamedTuple

from django.core.cache import cache
from django.db import models
from django.db.models import CharField, Exists, F, Func, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.db.models.lookups import StartsWith
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.search.backends import get_search_backend

from documents.files import LibraryDocument, under_view_restriction
from documents.publications import (
    CURRENT_FIRST,
    Category,
    Publication,
    PublicationFile,
    choose_file,
)
from hosting import page_cache
from sitewide import languages

NEWEST_FIRST = ("-publication_date", "-pk")
# Search backends without subqueries give a list of matches: at most this many.
MAX_SEARCH_RESULTS = 1000


def live_publications():
    """Publications visitors may see: published (live). The one filter every public reader
    of publications goes through (visible_files() applies the same to language files)."""
    return Publication.objects.filter(live=True)


def visible_files():
    """Language files of live publications whose document no collection view restriction
    covers."""
    return PublicationFile.objects.visible().filter(publication__live=True)


def current_version(series):
    """The live publication of `series` marked current, else its newest live one (None
    without one), with its language files and their documents."""
    files = PublicationFile.objects.select_related("document__collection").defer(
        "document__extracted_text"
    )
    versions = live_publications().filter(series=series).order_by(*CURRENT_FIRST)
    return versions.prefetch_related(models.Prefetch("files", queryset=files)).first()


def public_pages():
    """Live pages that anyone may read: no page view restriction on them or above them."""
    restriction_above = PageViewRestriction.objects.filter(
        StartsWith(OuterRef("path"), F("page__path"))
    )
    return Page.objects.filter(live=True).exclude(Exists(restriction_above))


def public_documents():
    """The documents anonymous visitors may open.

    Nothing restricts them (no collection view restriction) and something live uses them:
    a live (published) publication lists them (a draft's files stay private), or a live
    public page links them. Wagtail's reference index knows the links of each page's live
    row (rich text links, document blocks, document fields, translators' overrides),
    never of its drafts, which are revisions. An upload nothing uses yet stays private."""
    document = LibraryDocument._meta
    in_publication = PublicationFile.objects.filter(
        document=OuterRef("pk"), publication__in=live_publications()
    )
    public_page_ids = public_pages().annotate(as_text=Cast("pk", CharField())).values("as_text")
    linked_from_public_page = ReferenceIndex.objects.filter(
        to_content_type__app_label=document.app_label,
        to_content_type__model=document.model_name,
        to_object_id=Cast(OuterRef("pk"), CharField()),
        base_content_type__app_label=Page._meta.app_label,
        base_content_type__model=Page._meta.model_name,
        object_id__in=public_page_ids,
    )
    return LibraryDocument.objects.exclude(
        under_view_restriction(OuterRef("collection__path"))
    ).filter(Exists(in_publication) | Exists(linked_from_public_page))


def is_public_document(document):
    """Whether anonymous visitors may open `document`: the one rule every way of serving a
    file asks (its own address, a series' permanent link). One query."""
    return public_documents().filter(pk=document.pk).exists()


def listed_publications():
    """Publications with at least one visible file, newest first."""
    visible = visible_files().filter(publication=OuterRef("pk"))
    return live_publications().filter(Exists(visible)).order_by(*NEWEST_FIRST)


def _search(text, queryset, *, autocomplete=False):
    """The rows of `queryset` a search finds, as a subquery where the search backend can
    give one (Wagtail's database backends for SQLite and PostgreSQL do), else as a list.
    `autocomplete` also matches the start of words (in autocomplete fields: titles)."""
    backend = get_search_backend()
    if autocomplete:
        found = backend.autocomplete(text, queryset, operator="and")
    else:
        found = backend.search(text, queryset, operator="and")
    if hasattr(found, "get_queryset"):
        return found.get_queryset().values("pk")
    return [row.pk for row in found[:MAX_SEARCH_RESULTS]]


def search_matches(text):
    """The publications a public search finds: by their title, summary, and the titles and
    text of their public files (the only file text their index holds). Any search that
    anonymous visitors use (the library's, the site's) finds publications through this."""
    return _search(text, live_publications())


def found_publications(text):
    """[pk, ...] of the listed publications a public search for `text` finds, newest
    first: what the library's search and the site's header search show. One query, the
    search's own (the listed ones are remembered: `library_index`)."""
    found = search_matches(text)
    if not isinstance(found, list):
        found = found.order_by().values_list("pk", flat=True)  # a set: no ranking
    found = set(found)
    return [entry.pk for entry in library_index() if entry.pk in found]


class IndexEntry(NamedTuple):  # a tuple: read from the cache on every search
    """A listed publication as the library's filters read it."""

    pk: int
    category_slug: str  # "" without a category
    year: int
    file_languages: tuple  # the languages of its visible files


def library_index():
    """[IndexEntry, ...] of every listed publication, newest first: the library filters,
    counts and pages through it, so that a search reads only its matches from the
    database (building the visibility rules into each search's query cost more than
    running it). Every library address needs it, as the categories: it is remembered until
    the next change (hosting/page_cache.py), and holds nothing of a draft or an address."""
    key = f"inpud:library-index:{page_cache.generation()}"
    entries = cache.get(key)
    if entries is None:
        entries = _read_library_index()
        cache.set(key, entries, page_cache.CACHE_SECONDS)
    return entries


def _read_library_index():
    rows = (
        visible_files()
        .order_by("-publication__publication_date", "-publication_id")
        .values_list(
            "publication_id",
            "publication__category__slug",
            "publication__publication_date__year",
            "document__language",
        )
    )
    by_publication = {}
    for pk, category_slug, year, language in rows:
        entry = by_publication.setdefault(pk, (category_slug or "", year, set()))
        entry[2].add(language)
    return [
        IndexEntry(pk, category_slug, year, tuple(sorted(file_languages)))
        for pk, (category_slug, year, file_languages) in by_publication.items()
    ]


def editor_search_matches(text):
    """The publications an editor's search in the admin finds: as the public search, and
    also by the title or text of any of their files, members-only ones included (read from
    the documents' own index, which only the admin searches)."""
    publications, documents = Publication.objects.all(), LibraryDocument.objects.all()
    return Publication.objects.filter(
        Q(pk__in=search_matches(text))
        | Q(pk__in=_search(text, publications, autocomplete=True))
        | Q(files__document__in=_search(text, documents))
    ).values("pk")


def count_of(queryset):
    """The number of rows of `queryset`, as a subquery another query can carry."""
    counted = queryset.order_by().annotate(rows=Func(F("pk"), function="COUNT")).values("rows")
    return Subquery(counted, output_field=IntegerField())


@dataclass
class Listed:
    """A publication with its visible files, as the library shows it."""

    publication: Publication
    files: list
    is_current: bool | None  # None outside a series

    def file_for(self, language):
        return choose_file(self.files, language)


def read_listed(publications, **annotations):
    """[Listed, ...], newest first: one query for the visible files of the publications
    that `publications` (a queryset, evaluated as a subquery) selects. `annotations` are
    added to that query; each file row carries them."""
    current_in_series = (
        live_publications()
        .filter(series_id=OuterRef("publication__series_id"))
        .order_by(*CURRENT_FIRST)
        .values("pk")[:1]
    )
    rows = (
        visible_files()
        .filter(publication__in=publications)
        .select_related("document", "publication__category", "publication__series")
        # The PDF's extracted text (up to 50 kB a file) is for the search index only.
        .defer("document__extracted_text")
        .annotate(series_current_id=Subquery(current_in_series), **annotations)
        .order_by("-publication__publication_date", "-publication_id", "sort_order", "pk")
    )
    listed = {}
    for row in rows:
        publication = row.publication
        if publication.pk not in listed:
            in_series = publication.series_id is not None
            is_current = row.series_current_id == publication.pk if in_series else None
            listed[publication.pk] = Listed(publication, [], is_current)
        listed[publication.pk].files.append(row)
    return list(listed.values())


def read_remembered(request, ids):
    """[Listed, ...] of the listed publications `ids`, in that order. Each is remembered
    until the next published change (hosting/page_cache.py), so a page of the site
    search's results reads only the publications no search has shown since: one query for
    those, none when every one was shown."""

    def read(missing):
        return {item.publication.pk: item for item in read_listed(missing)}

    found = page_cache.remembered_each(request, "listed-publication", ids, read)
    return [found[each] for each in ids if each in found]


def categories_in(language):
    """The categories named in `language` (in English where not translated), sorted by
    name. Every library address needs them: they are remembered until the next change."""
    key = f"inpud:library-categories:{page_cache.generation()}:{language}"
    categories = cache.get(key)
    if categories is None:
        locales = languages.locale_ids(languages.preferred_languages(language))
        chosen = languages.choose_each(
            Category.objects.filter(locale_id__in=locales),
            key=lambda category: category.translation_key,
            language=language,
        )
        categories = sorted(chosen, key=lambda c: c.name.casefold())
        cache.set(key, categories, page_cache.CACHE_SECONDS)
    return categories
