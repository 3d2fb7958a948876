"""Site navigation read from the English page tree, shown in the visitor's language.

The English tree is the site's structure (see pages/i18n.py): menu items, breadcrumbs
and sub-page links come from it, and each link leads to the page's live translation in
the visitor's language where one exists, or to the English page under the visitor's
language prefix (marked lang="en") where not.

The cost is fixed whatever the number of items: one query for the page's neighbourhood
in the tree, one for the translations of those pages, one for view restrictions. Page
URLs come from Wagtail's site root paths, cached on the request.
"""

from dataclasses import dataclass

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction, Site

from pages import i18n
from pages.snippets import Footer

HOME_DEPTH = 2  # the tree root is depth 1; each language's home page sits under it


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


def restricted_paths(request):
    """Tree paths of pages behind a login or password, looked up once per request."""
    if not hasattr(request, "_inpud_restricted_paths"):
        request._inpud_restricted_paths = list(
            PageViewRestriction.objects.values_list("page__path", flat=True)
        )
    return request._inpud_restricted_paths


def is_public(page, restricted):
    return not any(page.path.startswith(path) for path in restricted)


def english_source(page):
    """The page of the English tree that this page translates (the page itself if English)."""
    if page.locale.language_code == i18n.default_language():
        return page
    return page.get_translation_or_none(page.locale.get_default()) or page


def localized_links(request, pages, current=None):
    """Links to these English pages in the visitor's language (one query for all)."""
    language = i18n.active_language()
    translations = {}
    if language != i18n.default_language():
        found = Page.objects.live().filter(
            translation_key__in=[page.translation_key for page in pages],
            locale__language_code=language,
            alias_of__isnull=True,
        )
        translations = {
            page.translation_key: page
            for page in found.only("title", "url_path", "translation_key", "search_description")
        }
    links = []
    for page in pages:
        translated = translations.get(page.translation_key)
        is_current = bool(current) and current.path.startswith(page.path)
        if translated:
            links.append(
                Link(
                    translated.title,
                    translated.get_url(request),
                    None,
                    translated.search_description,
                    is_current,
                )
            )
        else:
            url = page.get_url(request)
            lang = None if language == i18n.default_language() else i18n.default_language()
            links.append(
                Link(
                    page.title,
                    i18n.url_in_language(url, language),
                    lang,
                    page.search_description,
                    is_current,
                )
            )
    return links


class Neighbourhood:
    """What navigation shows around one page: menu items, breadcrumbs and sub-pages."""

    def __init__(self, request, page):
        source = english_source(page)
        steplen = Page.steplen
        home_path = source.path[: steplen * HOME_DEPTH]
        ancestor_paths = [
            source.path[:end] for end in range(steplen * HOME_DEPTH, len(source.path), steplen)
        ]
        nearby = (
            Page.objects.live()
            .filter(
                Q(path__in=ancestor_paths)
                | Q(depth=HOME_DEPTH + 1, path__startswith=home_path, show_in_menus=True)
                | Q(depth=source.depth + 1, path__startswith=source.path)
            )
            .only(
                "title",
                "url_path",
                "path",
                "depth",
                "show_in_menus",
                "translation_key",
                "search_description",
            )
            .order_by("path")
        )
        restricted = restricted_paths(request)
        pages = [p for p in nearby if is_public(p, restricted)]
        links = dict(zip(pages, localized_links(request, pages, current=source), strict=True))

        self.ancestors = [links[p] for p in pages if p.path in ancestor_paths]
        self.menu = [
            links[p]
            for p in pages
            if p.depth == HOME_DEPTH + 1 and p.path.startswith(home_path) and p.show_in_menus
        ]
        self.children = [
            (p, links[p])
            for p in pages
            if p.depth == source.depth + 1 and p.path.startswith(source.path)
        ]


def neighbourhood(request, page):
    cache = request.__dict__.setdefault("_inpud_neighbourhoods", {})
    if page.pk not in cache:
        cache[page.pk] = Neighbourhood(request, page)
    return cache[page.pk]


def menu_items(request, current_page=None):
    page = current_page or language_home(request)
    return neighbourhood(request, page).menu if page else []


def home_link(request, page=None):
    """URL of the home page in the visitor's language."""
    if page is not None and page.depth > HOME_DEPTH:
        return neighbourhood(request, page).ancestors[0].url
    home = page or language_home(request)
    if home is None:
        return "/"
    if home.locale.language_code == i18n.active_language():
        return home.get_url(request)
    return i18n.url_in_language(home.get_url(request), i18n.active_language())


def footer_legal_links(request, footer):
    """The footer's legal links, each to the visitor's language version of its page."""
    chosen = [(link.value["page"], link.value["label"]) for link in footer.legal_links]
    live = [(page, label) for page, label in chosen if page is not None and page.live]
    links = localized_links(request, [page for page, _ in live])
    footer_language = footer.locale.language_code
    for (_, label), link in zip(live, links, strict=True):
        if label:  # the footer's own label, in the footer's language
            link.title = label
            link.lang = None if footer_language == i18n.active_language() else footer_language
    return links


def footer_for(request):
    return Footer.for_language(i18n.active_language())
