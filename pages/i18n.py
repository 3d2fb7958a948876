"""The site's language policy, in one place.

The English tree is the site's structure. A URL's language prefix (/fr/, /es/, /ru/)
sets the interface language; the content comes from the page's live translation in
that language where one exists, and otherwise from the English page, served under the
same prefix, marked lang="en" and announced with a notice in the visitor's language.
Untranslated pages are never presented as translations: aliases and drafts do not count.
"""

from django.conf import settings
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page


def default_language():
    return get_supported_content_language_variant(settings.LANGUAGE_CODE)


def active_language():
    return get_supported_content_language_variant(translation.get_language())


def content_language(page):
    """The language a page's text is written in: an alias shows its source's text."""
    if page.alias_of_id:
        return page.alias_of.locale.language_code
    return page.locale.language_code


def live_translations(page):
    """{language_code: page} of real, live versions of this page, the page included."""
    versions = (
        Page.objects.filter(translation_key=page.translation_key, live=True, alias_of__isnull=True)
        .select_related("locale")
        .only("url_path", "translation_key", "locale__language_code", "title")
    )
    return {version.locale.language_code: version for version in versions}


def url_in_language(url, language_code):
    """The same site path under another language prefix: '/en/about/' -> '/fr/about/'."""
    prefix, _, rest = url.lstrip("/").partition("/")
    return f"/{language_code}/{rest}"


def language_versions(request, page):
    """One entry per site language: where the switcher and hreflang lead from this page.

    Each entry: code, name (in that language), url, is_current, and translated (False
    where the link leads to the English page shown with a notice)."""
    translations = live_translations(page)
    source = translations.get(default_language()) or page
    source_url = source.get_url(request)
    current = active_language()
    versions = []
    for code, _ in settings.LANGUAGES:
        info = translation.get_language_info(code)
        translated = code in translations
        url = translations[code].get_url(request) if translated else None
        if url is None and source_url:
            url = url_in_language(source_url, code)
        versions.append(
            {
                "code": code,
                "name": info["name_local"][:1].upper() + info["name_local"][1:],
                "url": url,
                "is_current": code == current,
                "translated": translated,
                "bidi": info["bidi"],
            }
        )
    return versions


def interface_versions(request):
    """Language versions of a page that is not a Wagtail page (search, errors): the same
    path and query under every language prefix."""
    current = active_language()
    path = request.get_full_path()
    return [
        {
            "code": code,
            "name": translation.get_language_info(code)["name_local"].capitalize(),
            "url": url_in_language(path, code),
            "is_current": code == current,
            "translated": True,
            "bidi": translation.get_language_info(code)["bidi"],
        }
        for code, _ in settings.LANGUAGES
    ]
