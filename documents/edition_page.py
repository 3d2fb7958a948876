"""What the library's /publications/<slug>/read/ route shows: a publication's online edition
in the visitor's language, else in English (sitewide/languages.py), with what the page
needs to say so honestly: the text's language (lang="en" under /fr/), its canonical
address (the edition's own language's), and language links to real translations only."""

from django.conf import settings
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404

from documents.editions import OnlineEdition, offered_edition
from documents.queries import listed_publications, read_listed
from sitewide import languages

READ_PATH = "read/"


def read_edition(slug, language):
    """(edition, listed publication, languages with a live edition) for the visitor of
    `language`, or Http404: no live edition of a publication visitors may see.

    One query: the publication's visible files (documents/queries.py read_listed), each
    row also carrying the edition offered (offered_edition: their language's, else
    English) with its title and text, and which site languages have one (for hreflang)."""
    editions = OnlineEdition.objects.filter(publication_id=OuterRef("publication_id"), live=True)
    offered = offered_edition(language)
    chosen = OnlineEdition.objects.filter(
        publication_id=OuterRef("publication_id"),
        live=True,
        locale_id=offered["edition_locale_id"],
    )
    body_field = OnlineEdition._meta.get_field("body")
    in_language = {
        f"edition_in_{code}": Exists(editions.filter(locale_id__in=languages.locale_ids([code])))
        for code, _name in settings.LANGUAGES
    }
    listed = read_listed(
        listed_publications().filter(slug=slug),
        **offered,
        edition_id=Subquery(chosen.values("pk")[:1]),
        edition_title=Subquery(chosen.values("title")[:1]),
        edition_body=Subquery(chosen.values("body")[:1], output_field=body_field),
        **in_language,
    )
    row = listed[0].files[0] if listed else None
    if row is None or row.edition_locale_id is None:
        raise Http404("This publication has no online edition.")
    edition = OnlineEdition(
        pk=row.edition_id,
        publication=listed[0].publication,
        locale_id=row.edition_locale_id,
        title=row.edition_title,
        body=row.edition_body,
        live=True,
    )
    with_edition = {
        code for code, _name in settings.LANGUAGES if getattr(row, f"edition_in_{code}")
    }
    return edition, listed[0], with_edition


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
