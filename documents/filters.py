"""The library's GET parameters, read defensively: a bad value is dropped with a message
for the visitor, never an error. Every message is plain text (templates escape it)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from documents.languages import FILE_LANGUAGE_CODES
from sitewide.search_backend import clean_query, query_was_shortened

YEAR_RANGE = range(1900, 2200)


@dataclass
class LibraryQuery:
    q: str = ""
    category: str = ""
    language: str = ""
    year: int | None = None
    messages: list[str] = field(default_factory=list)

    @property
    def is_filtered(self):
        return bool(self.q or self.category or self.language or self.year)


def clean_text(value):
    """A query parameter's text without control characters (NUL breaks PostgreSQL) or
    surrounding space."""
    return "".join(ch for ch in value if ch.isprintable()).strip()


def year_from(text):
    """The year `text` names within YEAR_RANGE, else None. Four digits at most before
    int(): it refuses numbers of over 4,300 digits."""
    if text.isascii() and text.isdigit() and len(text) <= 4 and int(text) in YEAR_RANGE:
        return int(text)
    return None


def parse_library_query(params, category_slugs) -> LibraryQuery:
    """Read q, category, language and year from request.GET-like `params`."""
    query = LibraryQuery()

    # The words searched for, as the search backend reads them: the box shows them too.
    typed = params.get("q", "")
    query.q = clean_query(typed)
    if query_was_shortened(typed):
        query.messages.append(_("Your search was long, so only its first words were used."))

    category = clean_text(params.get("category", ""))
    if category:
        if category in category_slugs:
            query.category = category
        else:
            query.messages.append(_("There is no such category; showing all categories."))

    language = clean_text(params.get("language", "")).lower()
    if language:
        if language in FILE_LANGUAGE_CODES:
            query.language = language
        else:
            query.messages.append(_("There is no such language; showing all languages."))

    year = clean_text(params.get("year", ""))
    if year:
        query.year = year_from(year)
        if query.year is None:
            query.messages.append(_("The year must be written like 2024; showing all years."))
    return query
