"""Which page an address leads to, remembered until the next published change.

Wagtail routes every page request from scratch: the site for the host, its root page in
the visitor's language, then the page at the path (five queries, about a fifth of a
library search that the page cache cannot answer: a new query every time). The answer
is the same for every visitor of one address and language, so it is remembered as
hosting/page_cache.py remembers whole pages, and a request then needs one query for the
page itself. What runs after routing runs as before: Wagtail's view-restriction check,
the page's own serve() and, on a routable page (the library), its sub-page view.
"""

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.utils.translation import get_language
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from hosting import page_cache


def describe(site, result, path):
    """What rebuilds `result` (Wagtail's route for `path` on `site`) without routing
    again: the page, and on a routable page the sub-page path its view was found for, on
    the page whose view it is (the English page, for a translation reached by its English
    address, which may sit at another depth). None when that does not rebuild the same
    view: the route is then made afresh each time."""
    page = result.page
    if not result.args:
        return {"site": site, "page": (page._meta.label, page.pk), "router": None}
    view = result.args[0]
    router = getattr(view, "__self__", None)
    if router is None or not hasattr(router, "resolve_subpage"):
        return None  # a page type that routes in a way of its own
    components = [part for part in path.split("/") if part]
    rest = components[router.depth - site.root_page.depth :]  # below the router
    subpage_path = "/" + "".join(f"{part}/" for part in rest)
    try:
        match = router.resolve_subpage(subpage_path)
    except Http404:
        return None
    if (match.func.__func__, tuple(match.args), match.kwargs) != (
        view.__func__,
        tuple(result.args[1]),
        result.args[2],
    ):
        return None
    return {
        "site": site,
        "page": (page._meta.label, page.pk),
        "router": (router._meta.label, router.pk),
        "subpage_path": subpage_path,
    }


def _load(label_and_pk):
    label, pk = label_and_pk
    page = apps.get_model(label)._default_manager.get(pk=pk)
    if not page.live:  # unpublished since, in a change not yet seen: Wagtail routes it
        raise ObjectDoesNotExist
    return page


def rebuild(request, described):
    page = _load(described["page"])
    if described["router"] is None:
        return RouteResult(page)
    router = page if described["router"] == described["page"] else _load(described["router"])
    match = router.resolve_subpage(described["subpage_path"])
    request.routable_resolver_match = match
    return RouteResult(page, args=(match.func, match.args, match.kwargs))


class RememberedRoutesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_serve or request.method not in ("GET", "HEAD"):
            return None
        path = view_args[0] if view_args else view_kwargs.get("path", "")

        def route():
            result = Page.route_for_request(request, path)
            site = Site.find_for_request(request)
            return describe(site, result, path) if result is not None else None

        parts = [request.scheme, request.get_host(), get_language() or "", path]
        described = page_cache.remembered(request, "route", parts, route)
        if described is not None and not hasattr(request, "_wagtail_route_for_request"):
            try:
                result = rebuild(request, described)
            except (ObjectDoesNotExist, LookupError, Http404):
                return None  # gone since (a deploy without it): Wagtail routes it afresh
            request._wagtail_site = described["site"]
            request._wagtail_route_for_request = result
        return None
