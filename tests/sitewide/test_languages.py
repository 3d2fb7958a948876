"""The rules of sitewide/languages.py, tested directly (pages, snippets, files and URLs
use them: tests/localize/, tests/documents/, tests/pages/test_navigation.py)."""

from types import SimpleNamespace

import pytest
from django.utils import translation
from wagtail.models import Locale

from sitewide import languages


@pytest.fixture
def french():
    with translation.override("fr"):
        yield


def test_the_visitors_language_comes_first_then_the_default(french):
    assert languages.preferred_languages() == ["fr", "en"]
    assert languages.preferred_languages("en") == ["en"]


def test_choose_takes_the_visitors_language_where_it_exists(french):
    assert languages.choose({"fr": "Bonjour", "en": "Hello"}) == ("Bonjour", False)


def test_choose_falls_back_to_the_default_language(french):
    assert languages.choose({"en": "Hello", "es": "Hola"}) == ("Hello", True)
    assert languages.choose({"fr": [], "en": ["Ann"]}) == (["Ann"], True)  # empty is missing


def test_choose_gives_nothing_rather_than_another_language_unless_asked(french):
    assert languages.choose({"es": "Hola"}) == (None, False)
    assert languages.choose({"es": "Hola"}, else_any=True) == ("Hola", True)
    assert languages.choose({}, else_any=True) == (None, False)


@pytest.mark.django_db
def test_choose_each_keeps_one_row_per_key_in_the_best_language():
    ids = {code: Locale.objects.get(language_code=code).pk for code in ("en", "fr", "es")}
    rows = [
        SimpleNamespace(key="a", locale_id=ids["en"], name="Strategy"),
        SimpleNamespace(key="a", locale_id=ids["fr"], name="Stratégie"),
        SimpleNamespace(key="b", locale_id=ids["en"], name="Governance"),
        SimpleNamespace(key="c", locale_id=ids["es"], name="Sólo español"),
    ]
    chosen = languages.choose_each(rows, key=lambda row: row.key, language="fr")
    assert [row.name for row in chosen if row] == ["Stratégie", "Governance"]


def page(live=True, alias_of_id=None):
    return SimpleNamespace(live=live, alias_of_id=alias_of_id)


def test_only_a_live_page_written_by_a_translator_counts_as_a_translation():
    assert languages.is_real_translation(page())
    assert not languages.is_real_translation(page(live=False))
    assert not languages.is_real_translation(page(alias_of_id=3))
    assert not languages.is_real_translation(None)


def test_an_alias_is_canonical_at_its_source_and_a_page_at_itself():
    source = SimpleNamespace(alias_of_id=None)
    alias = SimpleNamespace(alias_of_id=1, alias_of=source)
    assert languages.canonical_page(alias) is source
    assert languages.canonical_page(source) is source


def test_links_stay_under_the_visitors_prefix(french):
    assert languages.in_active_language("/en/about/") == "/fr/about/"
    assert languages.in_active_language("/fr/about/") == "/fr/about/"
    assert languages.in_active_language("/documents/3/plan.pdf") == "/documents/3/plan.pdf"
    assert languages.in_active_language("https://example.org/en/") == "https://example.org/en/"


def test_languages_are_named_in_themselves():
    assert languages.language_name("fr") == "Français"
    assert languages.language_name("xx-unknown") == "xx-unknown"
