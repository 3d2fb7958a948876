"""Which language a visitor gets, for pages, snippets, library files and URLs: the rules, once.

1. The visitor's language is the URL's prefix (/en/ /fr/ /es/ /ru/): `active_language()`.
2. Content in that language is shown where it exists and counts: a page's live
   translation that is not an alias (`is_real_translation`), a snippet's row in that
   locale (footer, people, categories), a publication's file in that language.
3. Else the default language's (English), under the visitor's prefix: `choose()` for
   snippets and files, `HomePage.route` for pages. It is marked lang="en" with a notice
   (`content_language`), and its canonical link is the English page (`canonical_page`).
   wagtail-localize's alias pages (the untranslated parents it creates) are English too.
4. Else, for a publication's files only, whatever file exists (`choose(else_any=True)`).
5. Every link stays under the visitor's prefix, whatever language its content is in
   (`in_active_language`); the switcher and hreflang list real translations only.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale

from hosting.page_cache import generation
from hosting.query_rules import counted_query

HOME_DEPTH = 2  # each language's home page sits under the tree's root (depth 1)

# Locale rows never change language once created; remembering id -> code saves a query
# per page (forgotten when locales change).
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


def forget_locales_on_change(**kwargs):
    """Receiver: a locale was added or removed (sitewide/apps.py connects it)."""
    forget_locales()


def preferred_languages(language=None):
    """The languages to read content in, best first: the visitor's, then the default."""
    language = language or active_language()
    return list(dict.fromkeys([language, default_language()]))


def choose(by_language, language=None, *, else_any=False):
    """(value, is_fallback) from a {language code: value} map: the value in `language`
    (the visitor's by default), else the default language's, else (with else_any) the
    first there is, else (None, False). Empty values count as missing."""
    language = language or active_language()
    for code in preferred_languages(language):
        if by_language.get(code):
            return by_language[code], code != language
    if else_any:
        for value in by_language.values():
            if value:
                return value, True
    return None, False


def choose_each(rows, key, language=None):
    """Of rows translated into several languages (e.g. categories), one per `key(row)`,
    by `choose`: each row's language is its locale's."""
    grouped = {}
    for row in rows:
        grouped.setdefault(key(row), {})[language_of_locale(row.locale_id)] = row
    return [choose(versions, language)[0] for versions in grouped.values()]


def is_real_translation(page):
    """Whether visitors may be shown `page` as its language's version: live and written
    by a translator, not an alias (an alias shows its source's text)."""
    return page is not None and page.live and not page.alias_of_id


def real_translations(pages):
    """The pages of a queryset that count as translations (see is_real_translation)."""
    return pages.live().filter(alias_of__isnull=True)


def content_language(page):
    """The language a page's text is written in: an alias shows its source's text."""
    if page.alias_of_id:
        return language_of_locale(page.alias_of.locale_id)
    return language_of_locale(page.locale_id)


def canonical_page(page):
    """The page whose address is canonical for `page`: its source, for an alias (an
    untranslated parent that wagtail-localize made); the page itself otherwise. (An
    English page shown under /fr/ is itself: its own address is English.)"""
    return page.alias_of if page.alias_of_id else page


def url_in_language(url, language_code):
    """The same site path under another language prefix: '/en/about/' -> '/fr/about/'."""
    _, _, rest = url.lstrip("/").partition("/")
    return f"/{language_code}/{rest}"


def in_active_language(url):
    """A site URL under the visitor's language prefix (a path with another site
    language's prefix is moved; anything else is left as it is)."""
    language = active_language()
    first = url.lstrip("/").partition("/")[0] if url.startswith("/") else None
    if first == language or first not in dict(settings.LANGUAGES):
        return url
    return url_in_language(url, language)


def language_name(code):
    """A language named in itself, capitalised as in a menu: Français, Español, Русский
    (the code itself for a language Django does not know)."""
    try:
        name = str(translation.get_language_info(code)["name_local"])
    except KeyError:
        return code
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
