"""Shared links carry tracking parameters (utm_source, fbclid...): they must not bypass the
page cache, and a page must key on the parameters it reads only."""

import pytest
from django.core.cache import cache

from hosting import query_rules
from hosting.query_rules import is_tracking
from tests.factories import DocumentLibraryPageFactory, PublicationFactory

pytestmark = pytest.mark.django_db


def test_a_new_utm_source_is_a_cache_hit_without_a_database_query(
    client, about_tree, django_assert_num_queries
):
    first = client.get("/en/about/aims/?utm_source=newsletter")
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(0):
        second = client.get("/en/about/aims/?utm_source=mastodon&utm_medium=social&fbclid=x")

    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert b"newsletter" not in first.content  # the page never repeats them


def test_a_parameter_the_page_does_not_read_is_ignored_once_the_page_was_served(client, about_tree):
    client.get("/en/about/aims/")

    assert client.get("/en/about/aims/?anything=1&page=2")["X-Page-Cache"] == "hit"


@pytest.fixture
def library(about_tree):
    page = DocumentLibraryPageFactory(parent=about_tree["home"])
    PublicationFactory(title="Harm reduction in prisons")
    return page


def test_a_library_filter_changes_the_page_a_tracking_parameter_does_not(client, library):
    client.get("/en/resources/?q=prisons")

    tracked = client.get("/en/resources/?utm_campaign=spring&q=prisons")
    filtered = client.get("/en/resources/?q=prisons&language=fr")  # positive control

    assert tracked["X-Page-Cache"] == "hit"
    assert filtered["X-Page-Cache"] == "miss"
    assert b"spring" not in tracked.content


def test_library_parameters_are_normalised_sorted_and_deduplicated(client, library):
    client.get("/en/resources/?language=fr&q=prisons")

    again = client.get("/en/resources/?q=prisons&language=fr&language=fr&fbclid=1")

    assert again["X-Page-Cache"] == "hit"


def test_site_search_keys_on_its_query_only(client, about_tree):
    client.get("/en/search/?q=aims")

    assert client.get("/en/search/?q=aims&gclid=abc&mc_cid=1")["X-Page-Cache"] == "hit"
    other = client.get("/en/search/?q=principles")  # positive control
    assert other["X-Page-Cache"] == "miss"
    assert b"gclid" not in other.content


@pytest.mark.parametrize(
    ("name", "tracking"),
    [
        ("utm_source", True),
        ("UTM_Medium", True),
        ("fbclid", True),
        ("gclid", True),
        ("mc_eid", True),
        ("q", False),
        ("language", False),
        ("page", False),
    ],
)
def test_tracking_parameters_are_recognised(name, tracking):
    assert is_tracking(name) is tracking


class CountedWrites:
    """The cache as query_rules sees it, counting its writes."""

    def __init__(self):
        self.writes = 0

    def get(self, *args):
        return cache.get(*args)

    def set(self, *args):
        self.writes += 1
        cache.set(*args)


def test_a_render_records_its_parameters_only_when_they_are_not_recorded(
    client, library, monkeypatch
):
    """Every render asks to record them; a write costs ten reads in the file cache."""
    counted = CountedWrites()
    monkeypatch.setattr(query_rules, "cache", counted)

    client.get("/en/resources/?q=prisons")
    assert counted.writes == 1  # control: a new address is recorded
    client.get("/en/resources/?q=harm")  # the same address, the same parameters

    assert counted.writes == 1
    assert client.get("/en/resources/?q=prisons&utm_source=x")["X-Page-Cache"] == "hit"
