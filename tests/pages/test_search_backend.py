"""Every search goes through one cleaning function, whoever calls the search backend: the
site search, the library, the admin (sitewide.search_backend)."""

import unicodedata

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from modelsearch.utils import parse_query_string
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Phrase, PlainText

from documents.models import Publication
from sitewide.search_backend import MAX_QUERY_LENGTH, MAX_WORDS, clean_query, query_was_shortened
from tests.factories import PublicationFactory

# Reproducible in CI (derandomize), nothing written to .hypothesis/ (database=None).
FUZZ = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

HOSTILE = [
    '"',
    '"naloxone',
    'nal"oxone',
    "title:naloxone",
    "javascript:alert(1)",
    "naloxone*",
    "NEAR(naloxone saves)",
    "naloxone AND",
    "^naloxone",
    "-naloxone",
    "naloxone & | ! : * ( ) < >",
    "naloxone\\",
    "naloxone'",
    "nal\x00oxone",
    "%s %d %% naloxone",
    "\u202enaloxone\u200f",
    "naloxone 🙂",
    "ＮＡＬＯＸＯＮＥ＂",  # fullwidth letters and a fullwidth quote (NFKC: a real ")
    "n\u0301aloxone",
    "a" * 5000,
    " ".join(["naloxone"] * 10_000),
]


@pytest.mark.parametrize(
    ("typed", "searched"),
    [
        ('"naloxone', "naloxone"),
        ("title:x", "title x"),
        ("javascript:alert(1)", "javascript alert 1"),
        ("harm-reduction 2025-2028", "harm reduction 2025 2028"),
        ("l'usage de drogues", "l usage de drogues"),
        ("a\x00b", "a b"),
        ("\u202eabc\u200f", "abc"),
        ("🙂 plan", "plan"),
        ("ＡＢＣ＂", "ABC"),
        ("e\u0301te\u0301", "été"),  # decomposed accents are composed (NFKC)
        ("\u0301abc", "abc"),  # a mark with no letter before it is dropped
        ("हिन्दी भाषा", "हिन्दी भाषा"),  # vowel signs stay inside their words
        ("наркотики 药物", "наркотики 药物"),
        ("", ""),
        ('""" ::: ***', ""),
    ],
)
def test_clean_query_keeps_the_words_in_any_script_and_nothing_else(typed, searched):
    assert clean_query(typed) == searched
    assert not query_was_shortened(typed)


def test_clean_query_bounds_characters_and_words():
    assert clean_query("a" * 5000) == "a" * MAX_QUERY_LENGTH
    assert clean_query(" ".join(["w"] * 10_000)) == " ".join(["w"] * MAX_WORDS)
    assert query_was_shortened("a" * 5000)
    assert query_was_shortened(" ".join(["w"] * (MAX_WORDS + 1)))
    assert not query_was_shortened(" ".join(["w"] * MAX_WORDS))


@FUZZ
@given(st.text())
def test_clean_query_gives_bounded_words_only_and_is_stable(typed):
    cleaned = clean_query(typed)

    assert len(cleaned) <= MAX_QUERY_LENGTH
    words = cleaned.split(" ") if cleaned else []
    assert len(words) <= MAX_WORDS
    for word in words:
        assert word and unicodedata.category(word[0])[0] in "LN"
        assert all(unicodedata.category(char)[0] in "LNM" for char in word)
    assert clean_query(cleaned) == cleaned


@pytest.fixture
def naloxone(db):
    return PublicationFactory(title="Naloxone saves lives", summary="A guide to naloxone.")


def found_by(results):
    with transaction.atomic():  # on PostgreSQL an error would abort the test's transaction
        return [publication.title for publication in results]


@pytest.mark.django_db
@pytest.mark.parametrize("typed", HOSTILE)
def test_every_search_and_autocomplete_survives_hostile_text(naloxone, typed):
    """The backend cleans what it is given: text, or Wagtail's query objects, whose text
    Wagtail's backends would otherwise pass on as it is."""
    backend = get_search_backend()

    for query in (typed, PlainText(typed), Phrase(typed), parse_query_string(typed)[1]):
        found_by(backend.search(query, Publication))
        found_by(backend.autocomplete(query, Publication))
        found_by(Page.objects.search(query))


@pytest.mark.django_db
@pytest.mark.parametrize("typed", ['"naloxone', "naloxone: saves", "naloxone\x00", "🙂naloxone"])
def test_a_cleaned_search_still_finds_its_words(naloxone, typed):
    PublicationFactory(title="Strategic Plan")
    backend = get_search_backend()

    assert found_by(backend.search(typed, Publication, operator="and")) == [naloxone.title]
    assert found_by(backend.search(PlainText(typed), Publication)) == [naloxone.title]
    assert found_by(backend.autocomplete('"Nalox', Publication)) == [naloxone.title]


@pytest.mark.django_db
def test_a_search_of_punctuation_only_finds_nothing_but_keeps_its_model(naloxone):
    """The admin's listings read the model of their results, so "nothing" must still be a
    search of that model."""
    results = get_search_backend().autocomplete('"', Publication)

    assert found_by(results) == []
    assert results.model is Publication


@pytest.mark.django_db
@FUZZ
@given(typed=st.text(max_size=300) | st.sampled_from(HOSTILE))
def test_no_text_breaks_the_search_backend(naloxone, typed):
    backend = get_search_backend()

    found_by(backend.search(typed, Publication, operator="and"))
    found_by(backend.autocomplete(typed, Publication))
    found_by(backend.search(parse_query_string(typed)[1], Publication))
