"""sitemap.xml: an index of one sitemap per language, each page listed with hreflang
alternates for its live translations.

Wagtail's own sitemap walks only the default site's tree; this one works from the pages'
translations instead, so it stays generic: any page type, any locale. Only pages that
anonymous visitors can see are listed (live, not behind a view restriction, not aliases
standing in for a missing translation). A page type that has addresses of its own below
its page (the library's publications) lists them as Wagtail's sitemap asks it to, through
`get_sitemap_urls`; the same address below two translations of a page is an alternate.
"""

from collections import defaultdict

from django.conf import settings
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Page, Site

LANGUAGE_CODES = [code for code, _ in settings.LANGUAGES]


def visible_pages():
    return (
        Page.objects.live()
        .public()
        .filter(alias_of__isnull=True, depth__gt=1)
        .select_related("locale")
        .order_by("path")
    )


# Five minutes, as a CDN may keep pages: an address unpublished since (a publication's
# names its title) leaves shared caches as soon as the page itself does.
SITEMAP_CACHE = {"public": True, "max_age": 300}


@require_safe
@cache_control(**SITEMAP_CACHE)
def sitemap_index(request):
    with_pages = set(visible_pages().values_list("locale__language_code", flat=True).distinct())
    # Absolute URLs on the site's own address, as its pages' URLs are.
    site = Site.find_for_request(request)
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    sitemaps = [
        root + reverse("sitemap_language", args=[code])
        for code in LANGUAGE_CODES
        if code in with_pages
    ]
    return TemplateResponse(
        request, "hosting/sitemap_index.xml", {"sitemaps": sitemaps}, content_type="application/xml"
    )


@require_safe
@cache_control(**SITEMAP_CACHE)
def sitemap_language(request, language_code):
    if language_code not in LANGUAGE_CODES:
        raise Http404("No such language")
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        raise Http404("No such language")

    # One query for every visible page of every language, grouped into translation sets
    # (and a few for the page types with addresses of their own).
    translations = defaultdict(list)
    for page in visible_pages():
        for below, entry in addresses_of(page, request):
            translations[(page.translation_key, below)].append((page, entry))

    entries = []
    for group in translations.values():
        for page, entry in group:
            if page.locale_id != locale.pk:
                continue
            alternates = (
                [
                    (other.locale.language_code, other_entry["location"])
                    for other, other_entry in group
                ]
                if len(group) > 1
                else []
            )
            entries.append(
                {"url": entry["location"], "lastmod": entry["lastmod"], "alternates": alternates}
            )
    entries.sort(key=lambda entry: entry["url"])
    return TemplateResponse(
        request, "hosting/sitemap.xml", {"entries": entries}, content_type="application/xml"
    )


def addresses_of(page, request):
    """[(the address's path below the page's own, {"location", "lastmod"}), ...]: the page's
    address, and those its type adds below it (`get_sitemap_urls`, read from the page's
    specific row only for the types that add some)."""
    url = page.get_full_url(request)
    if not url:
        return []
    model = page.specific_class
    if model is None or model.get_sitemap_urls is Page.get_sitemap_urls:
        return [("", {"location": url, "lastmod": page.last_published_at})]
    return [
        (entry["location"].removeprefix(url), entry)
        for entry in page.specific.get_sitemap_urls(request)
    ]
