"""Full-page cache for anonymous visitors, invalidated by any published change.

Every cached page is stored under the site's current *generation*; publishing,
unpublishing, moving or deleting a page, or saving anything visitors see (footer, board,
library), bumps the generation, so the next visitor gets a fresh render. With REDIS_URL
set, the generation and the pages live in Redis and every app server sees the change at
once. Cached HTML is revalidated by browsers on each visit (ETag, 304) and may be kept
briefly by a CDN, which Wagtail's front-end cache invalidation purges on publish.
"""

import hashlib
import time
from contextvars import ContextVar
from importlib import import_module

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from hosting.query_rules import counted_query

GENERATION_KEY = "inpud:page-cache:generation"
CACHE_SECONDS = getattr(settings, "PAGE_CACHE_SECONDS", 600)
LANGUAGE_PREFIXES = tuple(f"/{code}/" for code, _ in settings.LANGUAGES)
# What a cached page may send on: everything else (cookies above all) is never stored.
KEPT_HEADERS = {"content-type", "content-language", "vary", "link"}
# Set in the WSGI environ by the static mirror's build (mirrors/export.py), which a visitor
# cannot do (their headers all arrive as HTTP_*): it neither reads nor fills the cache, so
# the copy is rendered fresh and nothing made for the copy reaches the live site's visitors.
BYPASS_ENVIRON_KEY = "inpud.bypass_page_cache"


def _new_generation():
    """A generation no page can have been stored under: the key is new, or was evicted (the
    file cache culls entries at random when full), and starting again from 1 would bring
    back pages stored under 1 before a published change."""
    return time.time_ns()


# The generation a request began with (PublicPageCacheMiddleware): what it reads from the
# database afterwards is at least that new, so what it stores under that generation
# is never older than the generation says. Read afresh when a change lands during the
# render, a part read before the change would be kept as if made after it.
_request_generation = ContextVar("inpud_request_generation", default=None)


def generation():
    pinned = _request_generation.get()
    return pinned if pinned is not None else _stored_generation()


def _stored_generation():
    return cache.get_or_set(GENERATION_KEY, _new_generation, timeout=None)


def _next_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted): any new value invalidates
        cache.set(GENERATION_KEY, _new_generation(), timeout=None)


def invalidate(**kwargs):
    """A new generation now, and again once the change is committed: a visitor's request
    between the two (ATOMIC_REQUESTS: the change is saved in the editor's transaction,
    invisible to others until it ends) may have stored the old page under the first."""
    _next_generation()
    try:
        transaction.on_commit(_next_generation)
    except transaction.TransactionManagementError:  # autocommit off: no commit to wait for
        _next_generation()


def _renders_afresh(request):
    return (
        request is None
        or getattr(request, "is_preview", False)
        or bool(request.META.get(BYPASS_ENVIRON_KEY))
    )


def remembered(request, name, parts, make):
    """A part of a page that every visitor of the same address gets (a page's navigation,
    the page an address routes to), made by `make()` once per published change and kept
    under the same generation as whole pages, so it changes exactly when they do. `parts`
    (strings) say what else it depends on. Previews and the static mirror's build get a
    fresh one, neither read nor stored: a draft's parts are not the live site's."""
    if _renders_afresh(request):
        return make()
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    key = f"inpud:{name}:{generation()}:{digest}"
    found = cache.get(key)
    if found is None:
        found = make()
        if found is not None:
            cache.set(key, found, CACHE_SECONDS)
    return found


def remembered_each(request, name, ids, make):
    """{id: part} for each of `ids`, as remembered() keeps one part: `make(missing_ids)`
    gives {id: part} for those not remembered since the last published change."""
    if _renders_afresh(request):
        return make(ids)
    current = generation()
    key_of = {each: f"inpud:{name}:{current}:{each}" for each in ids}
    stored = cache.get_many(list(key_of.values()))
    found = {each: stored[key] for each, key in key_of.items() if key in stored}
    missing = [each for each in ids if each not in found]
    if missing:
        made = make(missing)
        cache.set_many({key_of[each]: part for each, part in made.items()}, CACHE_SECONDS)
        found.update(made)
    return found


def cache_key(request):
    """What makes two requests the same page: the address the visitor asked for, scheme
    and host included, because the page prints absolute links (canonical, hreflang, Open
    Graph) with them, and only the query parameters its page type reads (tracking ones
    never: hosting/query_rules.py). Everything that changes a page's bytes belongs here."""
    current = generation()
    query = counted_query(request, current)
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return f"inpud:page:{current}:{hashlib.sha256(address.encode()).hexdigest()}"


def has_valid_session(request):
    """Whether the session cookie names a live session (an editor signed in, or a visitor
    who entered a page's password): those get fresh pages. The site gives visitors no
    cookie, so an invented one costs a lookup by primary key, not a render."""
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if not session_key:
        return False
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    return bool(store.load())


def is_public_read(request):
    return request.method in ("GET", "HEAD") and request.path.startswith(LANGUAGE_PREFIXES)


def is_storable(response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
    )


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_generation.set(_stored_generation())
        try:
            return self.respond(request)
        finally:
            _request_generation.reset(token)

    def respond(self, request):
        if (
            not is_public_read(request)
            or request.META.get(BYPASS_ENVIRON_KEY)
            or has_valid_session(request)
        ):
            return self.get_response(request)
        # A session cookie the site does not know is dropped: the rest of the site then
        # renders the anonymous page, which is stored for the next visitor.
        request.COOKIES.pop(settings.SESSION_COOKIE_NAME, None)
        key = cache_key(request)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["Content-Length"] = str(len(content))  # as CommonMiddleware sets it
            response["X-Page-Cache"] = "hit"
            return self.public(response)
        response = self.get_response(request)
        if is_storable(response):
            headers = [(n, v) for n, v in response.items() if n.lower() in KEPT_HEADERS]
            cache.set(key, (response.content, headers), CACHE_SECONDS)
            response["X-Page-Cache"] = "miss"
            self.public(response)
        return response

    @staticmethod
    def public(response):
        # Browsers revalidate every time (a cheap 304 with the ETag); shared caches (a CDN
        # purged on publish) may keep the page for five minutes.
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True, s_maxage=300)
        return response


def _live_page_created(sender, instance, created, **kwargs):
    # A live page made without being published (an alias, such as the parents that
    # wagtail-localize makes for a translation) sends none of Wagtail's signals, and
    # post_save names the page's own model, not Page.
    if created and isinstance(instance, Page) and instance.live:
        invalidate()


def connect_invalidation(watched_models):
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"page-cache-{signal}")
    post_save.connect(_live_page_created, dispatch_uid="page-cache-live-page-created")
    for model in watched_models:
        post_save.connect(invalidate, sender=model, dispatch_uid=f"page-cache-save-{model}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"page-cache-delete-{model}")
