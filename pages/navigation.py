"""Site navigation read from the English page tree, shown in the visitor's language.

The English tree is the site's structure (see sitewide/languages.py): menu items, breadcrumbs
and sub-page links come from it, and each link leads to the page's live translation in
the visitor's language where one exists, or to the English page under the visitor's
language prefix (marked lang="en") where not.

A page's whole neighbourhood (ancestors, menu, sub-pages, their translations in the
visitor's language and the page's own translations for the language switcher) comes
from one query, whatever the number of items. Page URLs come from Wagtail's site root
paths, cached on the request.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from wagtail.models import Locale, Page, PageViewRestriction, Site

from hosting import page_cache
from pages.snippets import Footer
from sitewide import languages

HOME_DEPTH = languages.HOME_DEPTH
NAV_FIELDS = [
    "title",
    "url_path",
    "path",
    "depth",
    "show_in_menus",
    "translation_key",
    "search_description",
    "locale_id",
    "live",
    "alias_of_id",
]


@dataclass
class Link:
    title: str
    url: str
    lang: str | None  # set when the linked text is not in the visitor's language
    description: str = ""
    is_current: bool = False


def language_home(request):
    """The home page in the active language, or the default language's home."""
    if not hasattr(request, "_inpud_language_home"):
        site = Site.find_for_request(request)
        request._inpud_language_home = site.root_page.localized if site else None
    return request._inpud_language_home


def with_restriction_flag(pages):
    """Annotate whether a login or password protects the page itself. Navigation only
    lists pages whose ancestors are the page being served (public, or the visitor would
    not see it) or the home page, so a page's own restriction is the one that matters."""
    return pages.annotate(
        restricted=Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk")))
    )


def english_source(page):
    """The page of the English tree that this page translates (the page itself if English)."""
    if languages.language_of_locale(page.locale_id) == languages.default_language():
        return page
    return page.get_translation_or_none(Locale.get_default()) or page


def link_to(request, page, translation, is_current=False):
    """A link to an English page, in the visitor's language where a translation exists."""
    language = languages.active_language()
    if translation is not None:
        return Link(
            translation.title,
            translation.get_url(request),
            None,
            translation.search_description,
            is_current,
        )
    lang = None if language == languages.default_language() else languages.default_language()
    url = languages.in_active_language(page.get_url(request))
    return Link(page.title, url, lang, page.search_description, is_current)


def localized_links(request, pages):
    """Links to these English pages in the visitor's language (one query for all)."""
    keys = [page.translation_key for page in pages]
    translations = translations_in_active_language(Page.objects.filter(translation_key__in=keys))
    return [link_to(request, page, translations.get(page.translation_key)) for page in pages]


def translations_in_active_language(english_pages):
    language = languages.active_language()
    if language == languages.default_language():
        return {}
    found = languages.real_translations(Page.objects.all()).filter(
        locale__language_code=language,
        translation_key__in=english_pages.values("translation_key"),
    )
    return {page.translation_key: page for page in found.only(*NAV_FIELDS)}


class Neighbourhood:
    """What navigation shows around one page: menu, breadcrumbs, sub-pages, languages."""

    def __init__(self, request, page):
        source = english_source(page)
        steplen = Page.steplen
        home_path = source.path[: steplen * HOME_DEPTH]
        ancestor_paths = [
            source.path[:end] for end in range(steplen * HOME_DEPTH, len(source.path), steplen)
        ]
        nearby = (
            Q(path__in=ancestor_paths)
            | Q(depth=HOME_DEPTH + 1, path__startswith=home_path, show_in_menus=True)
            | Q(depth=source.depth + 1, path__startswith=source.path)
        )
        language = languages.active_language()
        translated_here = Q(
            locale__language_code=language,
            translation_key__in=Page.objects.filter(nearby).values("translation_key"),
        )
        versions_of_page = Q(translation_key=source.translation_key)
        rows = (
            with_restriction_flag(
                Page.objects.live().filter(nearby | translated_here | versions_of_page)
            )
            .only(*NAV_FIELDS)
            .order_by("path")
        )

        english, translations, versions = [], {}, {}
        for row in rows:
            row_language = languages.language_of_locale(row.locale_id)
            if row.translation_key == source.translation_key and languages.is_real_translation(row):
                versions[row_language] = row
            if row.alias_of_id or row.restricted:
                continue
            if row_language == language and language != languages.default_language():
                translations[row.translation_key] = row
            if row.path.startswith(home_path) and (
                row.path in ancestor_paths or row.depth in (HOME_DEPTH + 1, source.depth + 1)
            ):
                english.append(row)

        def link(row):
            return link_to(
                request,
                row,
                translations.get(row.translation_key),
                is_current=source.path.startswith(row.path),
            )

        # Its language switcher and hreflang links (not the pages themselves: the
        # neighbourhood is remembered, and small).
        self.language_versions = languages.language_versions(request, source, versions)
        self.ancestors = [link(p) for p in english if p.path in ancestor_paths]
        self.menu = [link(p) for p in english if p.depth == HOME_DEPTH + 1 and p.show_in_menus]
        self.children = [
            (p, link(p))
            for p in english
            if p.depth == source.depth + 1 and p.path.startswith(source.path)
        ]


def neighbourhood(request, page):
    """The page's neighbourhood, the same for every visitor of one language and address:
    remembered until the next published change (hosting/page_cache.py)."""
    on_request = request.__dict__.setdefault("_inpud_neighbourhoods", {})
    if page.pk not in on_request:  # a preview (a new page's too) is never remembered
        parts = [request.scheme, request.get_host(), str(page.pk), languages.active_language()]
        on_request[page.pk] = page_cache.remembered(
            request, "neighbourhood", parts, lambda: Neighbourhood(request, page)
        )
    return on_request[page.pk]


def menu_items(request, current_page=None):
    page = current_page or language_home(request)
    return neighbourhood(request, page).menu if page else []


def language_versions(request, page):
    return [dict(version) for version in neighbourhood(request, page).language_versions]


def home_link(request, page=None):
    """URL of the home page in the visitor's language."""
    if page is not None and page.depth > HOME_DEPTH:
        return neighbourhood(request, page).ancestors[0].url
    home = page or language_home(request)
    if home is None:
        return "/"
    return languages.in_active_language(home.get_url(request))


def footer_legal_links(request, footer):
    """The footer's legal links, each to the visitor's language version of its page."""
    chosen = [(link.value["page"], link.value["label"]) for link in footer.legal_links]
    live = [(page, label) for page, label in chosen if page is not None and page.live]
    links = localized_links(request, [page for page, _ in live])
    footer_language = languages.language_of_locale(footer.locale_id)
    for (_, label), link in zip(live, links, strict=True):
        if label:  # the footer's own label, in the footer's language
            link.title = label
            link.lang = None if footer_language == languages.active_language() else footer_language
    return links


def footer_for(request):
    return Footer.for_language(languages.active_language())
