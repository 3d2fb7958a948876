"""Site navigation read from the page tree, in the visitor's language.

The cost is fixed whatever the number of items: one query for the page's neighbourhood
in the tree (menu, breadcrumbs, sub-pages), one for view restrictions, one for the
footer. Page URLs come from Wagtail's site root paths, cached on the request.
"""

from django.db.models import Q
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from pages.snippets import Footer

HOME_DEPTH = 2  # the tree root is depth 1; each language's home page sits under it


def language_home(request):
    """The home page in the active language, or the default language's home."""
    if not hasattr(request, "_inpud_language_home"):
        site = Site.find_for_request(request)
        request._inpud_language_home = site.root_page.localized if site else None
    return request._inpud_language_home


def home_of(request, page=None):
    """The home page above this page (no query when navigation already ran)."""
    if page is None or page.depth < HOME_DEPTH:
        return language_home(request)
    if page.depth == HOME_DEPTH:
        return page
    return neighbourhood(request, page).ancestors[0]


def restricted_paths(request):
    """Tree paths of pages behind a login or password, looked up once per request."""
    if not hasattr(request, "_inpud_restricted_paths"):
        request._inpud_restricted_paths = list(
            PageViewRestriction.objects.values_list("page__path", flat=True)
        )
    return request._inpud_restricted_paths


def is_public(page, restricted):
    return not any(page.path.startswith(path) for path in restricted)


class Neighbourhood:
    """What navigation shows around one page: menu items, breadcrumbs and sub-pages."""

    def __init__(self, request, page):
        self.request = request
        self.page = page
        steplen = Page.steplen
        home_path = page.path[: steplen * HOME_DEPTH]
        ancestor_paths = [
            page.path[:end] for end in range(steplen * HOME_DEPTH, len(page.path), steplen)
        ]
        nearby = (
            Page.objects.live()
            .filter(
                Q(path__in=ancestor_paths)
                | Q(depth=HOME_DEPTH + 1, path__startswith=home_path, show_in_menus=True)
                | Q(depth=page.depth + 1, path__startswith=page.path)
            )
            .only("title", "url_path", "path", "depth", "show_in_menus", "search_description")
            .order_by("path")
        )
        restricted = restricted_paths(request)
        pages = [p for p in nearby if is_public(p, restricted)]
        self.ancestors = [p for p in pages if p.path in ancestor_paths]
        self.menu = [
            p
            for p in pages
            if p.depth == HOME_DEPTH + 1 and p.path.startswith(home_path) and p.show_in_menus
        ]
        self.children = [
            p for p in pages if p.depth == page.depth + 1 and p.path.startswith(page.path)
        ]


def neighbourhood(request, page):
    cache = request.__dict__.setdefault("_inpud_neighbourhoods", {})
    if page.pk not in cache:
        cache[page.pk] = Neighbourhood(request, page)
    return cache[page.pk]


def menu_items(request, current_page=None):
    """Top-level pages shown in menus: [{'title', 'url', 'is_current'}]."""
    page = current_page or language_home(request)
    if page is None:
        return []
    current_path = current_page.path if current_page else None
    return [
        {
            "title": item.title,
            "url": item.get_url(request),
            "is_current": bool(current_path) and current_path.startswith(item.path),
        }
        for item in neighbourhood(request, page).menu
    ]


def footer_for(request):
    return Footer.for_language(translation.get_language())
