"""The site's language policy, in one place.

The English tree is the site's structure. A URL's language prefix (/fr/, /es/, /ru/)
sets the interface language; the content comes from the page's live translation in
that language where one exists, and otherwise from the English page, served under the
same prefix, marked lang="en" and announced with a notice in the visitor's language.
Untranslated pages are never presented as translations: aliases and drafts do not count.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from pages.cache import generation
from pages.query_rules import counted_query

# Locale rows never change language once created; remembering id -> code saves a query
# per page (pages/signals.py forgets it when locales change).
_locale_codes = {}


def default_language():
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def active_language():
    return get_supported_content_language_variant(translation.get_language())


def _remember_locales():
    _locale_codes.clear()
    _locale_codes.update(Locale.objects.values_list("pk", "language_code"))


def language_of_locale(locale_id):
    if locale_id not in _locale_codes:
        _remember_locales()
    return _locale_codes[locale_id]


def locale_ids(language_codes):
    """Locale ids of these languages, from the remembered id -> code map."""
    if not _locale_codes:
        _remember_locales()
    return [pk for pk, code in _locale_codes.items() if code in language_codes]


def forget_locales():
    _locale_codes.clear()


def content_language(page):
    """The language a page's text is written in: an alias shows its source's text."""
    if page.alias_of_id:
        return language_of_locale(page.alias_of.locale_id)
    return language_of_locale(page.locale_id)


def url_in_language(url, language_code):
    """The same site path under another language prefix: '/en/about/' -> '/fr/about/'."""
    _, _, rest = url.lstrip("/").partition("/")
    return f"/{language_code}/{rest}"


def language_name(code):
    """A language named in itself, capitalised as in a menu: Français, Español, Русский."""
    name = translation.get_language_info(code)["name_local"]
    return name[:1].upper() + name[1:]


def language_versions(request, source, translations):
    """One entry per site language: where the switcher and hreflang lead from a page.

    source is the English page; translations maps language codes to its live, real
    translations. Each entry: code, name (in that language), url, is_current, and
    translated (False where the link leads to the English page shown with a notice)."""
    source_url = source.get_url(request)
    current = active_language()
    versions = []
    for code, _ in settings.LANGUAGES:
        translated = code in translations
        url = translations[code].get_url(request) if translated else None
        if url is None and source_url:
            url = url_in_language(source_url, code)
        versions.append(
            {
                "code": code,
                "name": language_name(code),
                "url": url,
                "is_current": code == current,
                "translated": translated,
            }
        )
    return versions


def interface_versions(request):
    """Language versions of a page that is not a Wagtail page (search, errors): the same
    path and query under every language prefix."""
    current = active_language()
    # The query without what the page does not read (tracking parameters above all): the
    # page cache stores this page for every visitor whose address differs only in those.
    query = counted_query(request, generation())
    path = request.path + (f"?{query}" if query else "")
    return [
        {
            "code": code,
            "name": language_name(code),
            "url": url_in_language(path, code),
            "is_current": code == current,
            "translated": True,
        }
        for code, _ in settings.LANGUAGES
    ]


class PublicLocaleMiddleware(LocaleMiddleware):
    """Django's, except that a 404 in the admin (its API included) stays a 404. Django
    sends any unprefixed 404 to /en/<path>, which Wagtail's page routes "match", so the
    admin's JSON clients got an HTML page not found at /en/admin/... instead."""

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith("/admin/"):
            return response
        return super().process_response(request, response)
