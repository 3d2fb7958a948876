"""Which query parameters make two requests for a page different pages (the page cache's
key, hosting/page_cache.py), and which are only noise.

- Tracking parameters (utm_*, fbclid, gclid, mc_cid...) that newsletters and social
  networks add to every shared link never count, anywhere: a shared statement is served
  from the cache, and the page never repeats them.
- A page type names the parameters it reads (`query_parameters` on the page model,
  recorded by a before_serve_page hook; a view such as site search calls `remember`).
  Once one visit has shown which type serves an address, only those count there, sorted
  and deduplicated, so ?b=1&a=2 and ?a=2&b=1&a=2 are one page, and any other parameter
  on a page that reads none is noise.
- An address not served yet counts every non-tracking parameter: never wrong, only a
  page stored twice, until the first render has recorded its type's parameters.
Nothing about the visitor is stored: only addresses' parameter names.
"""

import hashlib
from urllib.parse import urlencode

from django.core.cache import cache

TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "hsa_", "_hs", "oly_", "vero_")
TRACKING_NAMES = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "gbraid", "wbraid", "dclid", "msclkid", "twclid",
        "ttclid", "li_fat_id", "igshid", "yclid", "mc_cid", "mc_eid", "mkt_tok", "_ga",
        "_gl", "ref_src", "s_cid", "rb_clickid", "epik", "ncid", "srsltid",
    }
)  # fmt: skip
RECORD_SECONDS = 24 * 3600


def is_tracking(name):
    name = name.lower()
    return name in TRACKING_NAMES or name.startswith(TRACKING_PREFIXES)


def _record_key(generation, request):
    address = f"{request.scheme}://{request.get_host()}{request.path}"
    return f"inpud:page-params:{generation}:{hashlib.sha256(address.encode()).hexdigest()}"


def remember(request, generation, names):
    """Record, for this address, the parameters its page type reads. Every render asks,
    and most find them recorded: a read costs a tenth of a write in the file cache."""
    key, recorded = _record_key(generation, request), tuple(sorted(names))
    if cache.get(key) != recorded:
        cache.set(key, recorded, RECORD_SECONDS)


def counted_query(request, generation):
    """The query string that tells this page from another at the same address: the
    parameters that count (above), sorted by name and value, duplicates removed."""
    read = cache.get(_record_key(generation, request))
    pairs = {
        (name, value)
        for name, values in request.GET.lists()
        if not is_tracking(name) and (read is None or name in read)
        for value in values
    }
    return urlencode(sorted(pairs))
