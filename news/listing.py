"""The news list: items in the visitor's language, newest first, filtered by type, topic
and year, ten to a page, in as few queries as the page needs.

Honest fallback, as for pages (pages/languages.py): /fr/news/ lists the French items and the
English items not translated into French, each of those marked lang="en".
"""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from wagtail.models import Page

from documents.filters import clean_text, year_from
from documents.queries import count_of, public_pages
from hosting import page_cache
from news.items import NewsItemPage, NewsType, Topic
from pages import navigation
from sitewide import languages
from sitewide.pagination import page_number

PER_PAGE = 10
# The parameters that change the list's bytes: a page cache keyed on parameters keeps
# these and may ignore every other one (tracking tags, typos).
LISTING_PARAMS = ("type", "topic", "year", "page")


@dataclass
class NewsQuery:
    type: str = ""
    topic: str = ""
    year: int | None = None
    messages: list[str] = field(default_factory=list)

    @property
    def is_filtered(self):
        return bool(self.type or self.topic or self.year)

    def querystring(self):
        """The filters as an address's query, without the page number."""
        pairs = [("type", self.type), ("topic", self.topic), ("year", self.year or "")]
        return "&".join(f"{name}={value}" for name, value in pairs if value)


def parse_news_query(params, type_slugs, topic_slugs) -> NewsQuery:
    """type, topic and year from request.GET-like `params`; a bad one is dropped with a
    message for the visitor (plain text: templates escape it)."""
    query = NewsQuery()
    chosen = clean_text(params.get("type", ""))
    if chosen:
        if chosen in type_slugs:
            query.type = chosen
        else:
            query.messages.append(_("There is no such type of item; showing all types."))
    chosen = clean_text(params.get("topic", ""))
    if chosen:
        if chosen in topic_slugs:
            query.topic = chosen
        else:
            query.messages.append(_("There is no such topic; showing all topics."))
    year = clean_text(params.get("year", ""))
    if year:
        query.year = year_from(year)
        if query.year is None:
            query.messages.append(_("The year must be written like 2024; showing all years."))
    return query


def public_items():
    """News items anyone may read: live, no view restriction, not an alias."""
    return NewsItemPage.objects.filter(
        pk__in=public_pages().values("pk"), alias_of__isnull=True
    ).order_by("-date", "-first_published_at", "-pk")


def items_in_language(language):
    """The items written in `language` only (the feeds)."""
    return public_items().filter(locale_id__in=languages.locale_ids({language}))


def items_for_visitor(language):
    """The items in `language`, and the English ones not translated into it (the list,
    the home page)."""
    default = languages.default_language()
    own = items_in_language(language)
    if language == default:
        return own
    untranslated = Q(locale_id__in=languages.locale_ids({default})) & ~Q(
        translation_key__in=own.values("translation_key")
    )
    return public_items().filter(Q(locale_id__in=languages.locale_ids({language})) | untranslated)


def names_in(model, language):
    """{translation_key: snippet} of a NewsType or Topic model, named in `language` where
    translated (in English where not), remembered until the next published change."""
    key = f"inpud:news-{model._meta.model_name}:{page_cache.generation()}:{language}"
    chosen = cache.get(key)
    if chosen is None:
        rows = list(
            model.objects.filter(
                locale_id__in=languages.locale_ids(languages.preferred_languages(language))
            )
        )
        chosen = {
            row.translation_key: row
            for row in languages.choose_each(rows, lambda row: row.translation_key, language)
        }
        for row in chosen.values():  # every language's row of this type or topic
            row.ids = {other.pk for other in rows if other.translation_key == row.translation_key}
        cache.set(key, chosen, page_cache.CACHE_SECONDS)
    return chosen


def sorted_by_name(named):
    return sorted(named.values(), key=lambda row: row.name.casefold())


def years_with_items(language):
    key = f"inpud:news-years:{page_cache.generation()}:{language}"
    years = cache.get(key)
    if years is None:
        years = [d.year for d in items_for_visitor(language).dates("date", "year", order="DESC")]
        cache.set(key, years, page_cache.CACHE_SECONDS)
    return years


@dataclass
class NewsEntry:
    """One item as a list prints it."""

    title: str
    url: str
    lang: str | None  # set when the item is not in the visitor's language
    date: object
    type_name: str
    summary: str


def entries_for(request, items, language):
    """NewsEntry for each item."""
    types = names_in(NewsType, language)
    entries = []
    for item in items:
        item_language = languages.language_of_locale(item.locale_id)
        url = item.get_url(request) or ""
        if item_language != language:
            url = languages.url_in_language(url, language)
        kind = type_named(types, item.news_type_id)
        entries.append(
            NewsEntry(
                title=item.title,
                url=url,
                lang=None if item_language == language else item_language,
                date=item.date,
                type_name=kind.name if kind else "",
                summary=item.summary,
            )
        )
    return entries


def item_facts(request, item):
    language = languages.active_language()
    types, topics = names_in(NewsType, language), names_in(Topic, language)
    kind = type_named(types, item.news_type_id)
    chosen = [block.value for block in item.related_items if block.value is not None]
    live = [page for page in chosen if page.live]
    english = [navigation.english_source(page) for page in live]
    return {
        "type_name": kind.name if kind else "",
        "topic_names": [
            topics[t.translation_key].name for t in item.topics.all() if t.translation_key in topics
        ],
        "related": navigation.localized_links(request, english),
    }


def type_named(types, type_id):
    """The type with this id, named in the list's language: from the remembered names, so
    an item's own type costs no query."""
    key = next((k for k, row in types.items() if type_id in row.ids), None)
    return types.get(key)


def latest_entries(request, count=3):
    """The newest items for the visitor (the home page), remembered until the next
    published change."""
    language = languages.active_language()
    key = f"inpud:news-latest:{page_cache.generation()}:{language}:{count}:{request.get_host()}"
    entries = cache.get(key)
    if entries is None:
        entries = entries_for(request, items_for_visitor(language)[:count], language)
        cache.set(key, entries, page_cache.CACHE_SECONDS)
    return entries


def listing_context(index, request):
    language = languages.active_language()
    types = sorted_by_name(names_in(NewsType, language))
    topics = sorted_by_name(names_in(Topic, language))
    query = parse_news_query(request.GET, {t.slug for t in types}, {t.slug for t in topics})
    items = items_for_visitor(language)
    if query.type:
        items = items.filter(news_type__slug=query.type)
    if query.topic:
        items = items.filter(topics__slug=query.topic)
    if query.year:
        items = items.filter(date__year=query.year)

    number = page_number(request.GET.get("page", "1"))
    if number is None:
        query.messages.append(_("There is no such page of results; showing the first."))
        number = 1
    # One query for the page's items and how many match in all (as the library does).
    start = (number - 1) * PER_PAGE
    rows = list(items.annotate(total=count_of(items))[start : start + PER_PAGE])
    paginator = Paginator(items, PER_PAGE)
    paginator.count = rows[0].total if rows else (items.count() if number > 1 else 0)
    if number > paginator.num_pages:
        return {"last_page": paginator.num_pages, "querystring": query.querystring()}
    page_obj = PaginatorPage(rows, number, paginator)
    return {
        "query": query,
        "types": types,
        "topics": topics,
        "years": years_with_items(language),
        "entries": entries_for(request, page_obj.object_list, language),
        "page_obj": page_obj,
        "paginator": paginator,
        "filter_querystring": query.querystring(),
        "news_url": languages.url_in_language(index.get_url(request) or "/", language),
    }


def redirect_to_page(request, context):
    querystring = context["querystring"]
    page = f"page={context['last_page']}"
    return HttpResponseRedirect(f"{request.path}?{querystring + '&' if querystring else ''}{page}")


def section_url(request):
    """The news section's address in the visitor's language, remembered until the next
    published change: every home page view asks."""
    language = languages.active_language()
    key = f"inpud:news-url:{page_cache.generation()}:{language}:{request.get_host()}"
    url = cache.get(key)
    if url is None:
        section = (
            Page.objects.live()
            .filter(
                content_type__app_label="news",
                content_type__model="newsindexpage",
                locale_id__in=languages.locale_ids({languages.default_language()}),
            )
            .first()
        )
        url = languages.url_in_language(section.get_url(request), language) if section else ""
        cache.set(key, url, page_cache.CACHE_SECONDS)
    return url
