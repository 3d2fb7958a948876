"""The `Onion-Location` header (Tor Browser offers the onion address of the page).

The address is kept in the cache (one read per request, no database), so it is sent on
page-cache hits as on fresh renders; this middleware sits above the page cache."""

from django.core.cache import cache
from django.db import DatabaseError

from mirrors.models import MirrorSettings

CACHE_KEY = "inpud:onion-address"
NONE = ""  # cached too: no onion address set costs no query either


def onion_address():
    address = cache.get(CACHE_KEY)
    if address is None:
        address = (
            MirrorSettings.objects.filter(site__is_default_site=True)
            .values_list("onion_address", flat=True)
            .first()
        ) or NONE
        cache.set(CACHE_KEY, address, timeout=None)
    return address


def forget(**kwargs):
    cache.delete(CACHE_KEY)


class OnionLocationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method in ("GET", "HEAD") and response.get("Content-Type", "").startswith(
            "text/html"
        ):
            try:
                address = onion_address()
            except DatabaseError:  # the outage page is sent without it
                address = NONE
            if address:
                response["Onion-Location"] = address.rstrip("/") + request.get_full_path()
        return response
