"""What the library's /publications/<slug>/read/ route shows: a publication's online edition
in the visitor's language, else in English (sitewide/languages.py), with what the page
needs to say so honestly: the text's language (lang="en" under /fr/), its canonical
address (the edition's own language's), and language links to real translations only."""

from django.conf import settings
from django.http import Http404

from documents.editions import OnlineEdition
from documents.queries import listed_publications, read_listed
from sitewide import languages

READ_PATH = "read/"


def read_edition(slug, language):
    """(edition, listed publication, {language: edition}) for the visitor of `language`, or
    Http404: no live edition of a publication visitors may see. Two queries: its live
    editions (one a language, with their text), the publication's visible files."""
    editions = {
        edition.language: edition
        for edition in OnlineEdition.objects.filter(
            publication__slug=slug, live=True, publication__in=listed_publications()
        ).order_by("pk")
    }
    chosen, _is_fallback = languages.choose(editions, language)
    if chosen is None:
        raise Http404("This publication has no online edition.")
    listed = read_listed(listed_publications().filter(pk=chosen.publication_id))
    if not listed:
        raise Http404("No such publication.")
    return chosen, listed[0], editions


def edition_languages(request, path, editions):
    """The language switcher's and hreflang's entries for an edition's address `path`
    (/xx/resources/publications/<slug>/read/): every site language, translated only where
    a live edition exists in it."""
    current = languages.active_language()
    return [
        {
            "code": code,
            "name": languages.language_name(code),
            "url": languages.url_in_language(path, code),
            "is_current": code == current,
            "translated": code in editions,
        }
        for code, _name in settings.LANGUAGES
    ]
