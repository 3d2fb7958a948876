"""A series' permanent link (/en/resources/strategic-plan/) answered from the cache.

Partners, newsletters and the site itself link the permanent links, so they are asked for
far more often than anything changes them. Which file a permanent link serves is decided
once (DocumentLibraryPage.permanent_link: the series' current version, the file in the
URL's language else English, public) and remembered under the page cache's generation:
any publication, file, series, collection or restriction saved or deleted, and any page
published, starts a new generation (hosting/page_cache.py), so the next request decides
again. Only the document's row is remembered, never the file: the bytes are read from
storage on each request, with Range and conditional requests answered as for any file
(documents/serving.py). A file that is not public is never remembered.
"""

from django.conf import settings
from django.core.cache import cache

from documents.serving import serve_document
from hosting import page_cache


def _key(request):
    address = f"{request.scheme}://{request.get_host()}{request.path}"
    return f"inpud:permalink:{page_cache.generation()}:{address}"


def max_age():
    return getattr(settings, "DOCUMENTS_PERMALINK_CACHE_SECONDS", 300)


def serve_permalink(request, document, *, is_public=None):
    """The file a permanent link leads to, with its language and its own address."""
    response = serve_document(request, document, max_age=max_age(), is_public=is_public)
    if response.status_code in (200, 206, 304):
        response["Content-Language"] = document.language
        response["Link"] = f'<{request.build_absolute_uri(document.url)}>; rel="canonical"'
    return response


def remember(request, document):
    """Remember that this address serves the public `document` (without its text)."""
    document.extracted_text = ""
    cache.set(_key(request), document, page_cache.CACHE_SECONDS)


class PermalinkMiddleware:
    """Serves a permanent link the site has resolved since the last change without
    routing it through the page tree or reading the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path.startswith(
            page_cache.LANGUAGE_PREFIXES
        ):
            document = cache.get(_key(request))
            if document is not None:
                return serve_permalink(request, document, is_public=True)
        return self.get_response(request)
