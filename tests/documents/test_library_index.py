"""The library's index of listed publications (documents/queries.py `library_index`) is
remembered until the next change, so a search with a new query (a miss in the page
cache) reads only its matches. Each kind of change that hides a file or a publication
from visitors makes the index afresh: a new search never lists what it hides."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, CollectionViewRestriction

from hosting import page_cache
from tests.factories import CategoryFactory, PublicationFactory, members_only_collection

pytestmark = pytest.mark.django_db

_new = itertools.count()


def new_search(client, **filters):
    """The library's answer to a search for "okapi" the page cache has not seen (each
    query has one more "okapi" than the last: the same words, a new address)."""
    query = " ".join(["okapi"] * (2 + next(_new)))
    response = client.get("/en/resources/", {"q": query, **filters})
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    return response.content.decode()


def new_listing(client):
    """The library's list, unsearched, at an address the page cache has not seen (the
    cache keys on the host with its port)."""
    response = client.get("/en/resources/", HTTP_HOST=f"testserver:{10_000 + next(_new)}")
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "miss"
    return response.content.decode()


def listed(html, publication):
    return f"/resources/publications/{publication.slug}/" in html


@pytest.fixture
def report(library):
    return PublicationFactory(title="Okapi report", languages=["en", "fr"])


@pytest.fixture
def restricted():
    return members_only_collection("Members only")


def move_documents(publication, collection):
    for file in publication.files.all():
        file.document.collection = collection
        file.document.save()  # as the admin saves it


def restrict_its_collection(report, restricted):
    collection = Collection.get_first_root_node().add_child(name="Reports")
    move_documents(report, collection)
    return lambda: CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )


def move_its_files_under(report, restricted):
    return lambda: move_documents(report, restricted.add_child(name="Below members only"))


def move_its_collection_under(report, restricted):
    collection = Collection.get_first_root_node().add_child(name="Reports")
    move_documents(report, collection)

    def change():
        # As the admin's collection form does: save, then move (treebeard sends no signal).
        collection.save()
        collection.move(restricted, pos="sorted-child")

    return change


def unpublish_it(report, restricted):
    return report.unpublish


def delete_its_files(report, restricted):
    def change():
        for file in report.files.all():
            file.document.delete()

    return change


CHANGES = [
    restrict_its_collection,
    move_its_files_under,
    move_its_collection_under,
    unpublish_it,
    delete_its_files,
]


@pytest.mark.parametrize("change", CHANGES, ids=lambda change: change.__name__)
def test_a_change_that_hides_a_publication_hides_it_from_the_next_new_search(
    client, report, restricted, change
):
    make_change = change(report, restricted)
    # Controls: listed, and the index remembered.
    assert listed(new_search(client), report) and listed(new_listing(client), report)

    make_change()

    for html in new_search(client), new_listing(client):
        assert not listed(html, report)
        assert "0 publications" in html


def test_a_file_hidden_in_one_language_leaves_the_language_filter(client, report, restricted):
    assert listed(new_search(client, language="fr"), report)  # control

    french = report.files.get(document__language="fr").document
    french.collection = restricted
    french.save()

    assert not listed(new_search(client, language="fr"), report)
    assert listed(new_search(client, language="en"), report)  # its English file stays


def test_a_restriction_removed_lists_the_publication_again(client, report, restricted):
    move_documents(report, restricted)
    assert not listed(new_search(client), report)

    CollectionViewRestriction.objects.filter(collection=restricted).delete()

    assert listed(new_search(client), report)


def test_a_draft_is_listed_once_published(client, library):
    draft = PublicationFactory(title="Okapi draft", live=False)
    assert not listed(new_search(client), draft)

    draft.save_and_publish()

    assert listed(new_search(client), draft)


def test_a_new_category_or_date_reaches_the_filters(client, report):
    guides = CategoryFactory(name="Guides", slug="guides")
    assert not listed(new_search(client, category="guides"), report)  # control
    assert not listed(new_search(client, year="2019"), report)

    report.category, report.publication_date = guides, datetime.date(2019, 3, 1)
    report.save_and_publish()

    assert listed(new_search(client, category="guides"), report)
    assert listed(new_search(client, year="2019"), report)
    assert not listed(new_search(client, year="2024"), report)


def library_queries(client):
    """The SQL queries of a new search that read the library's tables."""
    with CaptureQueriesContext(connection) as queries:
        new_search(client)
    return [q["sql"] for q in queries if "documents_publication" in q["sql"]]


def test_a_new_search_reads_only_its_matches(client, report):
    new_search(client)  # the index and the publication shown are remembered

    assert len(library_queries(client)) == 1  # the search itself

    page_cache.invalidate()  # control: after a change, both are read again
    assert len(library_queries(client)) == 3
