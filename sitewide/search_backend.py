"""What a search box's text becomes before any search reads it, and the search backend
that does it for every caller.

Wagtail's database backends hand words to the database's full-text syntax without
escaping them: on SQLite a `"` anywhere is an FTS5 syntax error, on PostgreSQL a NUL byte
is refused, and on both a few hundred words overflow the query builder's recursion.
Wagtail's query classes (PlainText, Phrase) pass the text on as it is. So every search
goes through `SearchBackend` below (settings.WAGTAILSEARCH_BACKENDS names this module):
the site search, the library, and the admin's search boxes and choosers all get
`clean_query()` by construction. Views call `clean_query()` too, to show visitors what
was searched for.
"""

import functools
import unicodedata
from dataclasses import dataclass

from modelsearch.backends import database
from modelsearch.query import MATCH_NONE, And, Boost, Fuzzy, Not, Or, Phrase, PlainText

MAX_QUERY_LENGTH = 200
# Far below what the backends' query builders survive (about 150 words on PostgreSQL),
# and more than any search that can still find something with every word.
MAX_WORDS = 32
# Only this much of what was typed is read: the rest cannot fit anyway.
READ_LENGTH = 2 * MAX_QUERY_LENGTH


@dataclass
class _Room:
    """What is left of a query's length and words, shared by all of its parts."""

    words: int = MAX_WORDS
    chars: int = MAX_QUERY_LENGTH
    cut: bool = False


def _words(text):
    """The words of `text` in any script: letters and digits with their combining marks
    (accents, vowel signs). Everything else separates words: spaces, punctuation,
    symbols, emoji, control and formatting characters."""
    words, word = [], ""
    for char in unicodedata.normalize("NFKC", text):
        kind = unicodedata.category(char)[0]
        if kind in "LN" or (kind == "M" and word):
            word += char
        elif word:
            words.append(word)
            word = ""
    if word:
        words.append(word)
    return words


def _clean_text(text, room):
    if len(text) > READ_LENGTH:
        text, room.cut = text[:READ_LENGTH], True
    kept = []
    for word in _words(text):
        if room.words == 0 or room.chars <= 0:
            room.cut = True
            break
        if len(word) > room.chars:
            word, room.cut = word[: room.chars], True
        kept.append(word)
        room.words -= 1
        room.chars -= len(word) + 1
    return " ".join(kept)


def clean_query(raw):
    """Words only, separated by single spaces, at most MAX_WORDS words and
    MAX_QUERY_LENGTH characters. Quotes, operators, column filters (`title:`) and other
    punctuation mean something to SQLite FTS5 or PostgreSQL's tsquery and are dropped:
    visitors search for words, in any script."""
    return _clean_text(raw, _Room())


def query_was_shortened(raw):
    """Whether clean_query(raw) left out words or letters for length, so the visitor can
    be told."""
    room = _Room()
    _clean_text(raw, room)
    return room.cut


def _clean(query, room):
    """`query` (text or one of Wagtail's query objects) with every text in it cleaned, the
    limits counted over the whole query; None when no word is left."""
    if isinstance(query, str):
        return _clean_text(query, room) or None
    if isinstance(query, PlainText):
        text = _clean_text(query.query_string, room)
        return PlainText(text, operator=query.operator, boost=query.boost) if text else None
    if isinstance(query, Phrase):
        text = _clean_text(query.query_string, room)
        return Phrase(text) if text else None
    if isinstance(query, Fuzzy):
        text = _clean_text(query.query_string, room)
        return Fuzzy(text, operator=query.operator, unaccent=query.unaccent) if text else None
    if isinstance(query, And | Or):
        # A part with no word left drops out: "x and nothing" searches for x.
        parts = [part for part in (_clean(q, room) for q in query.subqueries) if part]
        return type(query)(parts) if parts else None
    if isinstance(query, Not | Boost):
        inner = _clean(query.subquery, room)
        if inner is None:
            return None
        return Not(inner) if isinstance(query, Not) else Boost(inner, query.boost)
    return query  # MatchAll, MatchNone, None: no text in them


def clean_search_query(query):
    """What every search receives: `query` cleaned; MATCH_NONE when no word is left (not
    "", which would give results without a model: the admin's listings need one)."""
    cleaned = _clean(query, _Room())
    return MATCH_NONE if cleaned is None and query is not None else cleaned


class CleanQueries:
    """Cleans the query of every search and autocomplete before the backend reads it."""

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        return super()._search(
            query_compiler_class, clean_search_query(query), model_or_queryset, **kwargs
        )


@functools.cache
def _cleaning(backend_class):
    return type(backend_class.__name__, (CleanQueries, backend_class), {"__module__": __name__})


def SearchBackend(params):  # the name Wagtail looks for in a backend module
    """Wagtail's database search backend for this database (SQLite FTS5, PostgreSQL full
    text, or the plain fallback), with every query cleaned."""
    return _cleaning(type(database.SearchBackend(params)))(params)
