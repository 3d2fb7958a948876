import datetime
import pickle

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, CollectionViewRestriction, Locale

from documents import permalinks
from tests.factories import PublicationFactory, PublicationSeriesFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_series():
    return PublicationSeriesFactory(key="strategic-plan", title="INPUD Strategic Plan")


def served_title(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body


def test_permanent_link_serves_the_current_version_pdf(client, library, plan_series):
    plan = PublicationFactory(title="Plan 2021-2024", series=plan_series, is_current_version=True)
    english = plan.files.get().document

    response = client.get("/en/resources/strategic-plan/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert response["ETag"] == f'"{english.file_hash}"'
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["Content-Language"] == "en"
    assert response["Link"] == f'<http://testserver{english.url}>; rel="canonical"'


def test_permanent_link_answers_ranges_and_conditional_requests(client, library, plan_series):
    PublicationFactory(title="Plan", series=plan_series, is_current_version=True)
    first = client.get("/en/resources/strategic-plan/")

    ranged = client.get("/en/resources/strategic-plan/", headers={"Range": "bytes=0-4"})
    cached = client.get("/en/resources/strategic-plan/", headers={"If-None-Match": first["ETag"]})

    assert ranged.status_code == 206 and served_title(ranged) == b"%PDF-"
    assert cached.status_code == 304


def test_uploading_a_newer_plan_moves_the_permanent_link(client, library, plan_series):
    PublicationFactory(
        title="Plan 2021-2024",
        series=plan_series,
        is_current_version=True,
        publication_date=datetime.date(2021, 1, 1),
    )
    before = client.get("/en/resources/strategic-plan/")["ETag"]

    newer = PublicationFactory(
        title="Plan 2025-2028",
        series=plan_series,
        is_current_version=True,
        publication_date=datetime.date(2025, 1, 1),
    )
    after = client.get("/en/resources/strategic-plan/")

    assert after["ETag"] != before
    assert after["ETag"] == f'"{newer.files.get().document.file_hash}"'


def test_french_permanent_link_serves_french_file_else_english(client, library, plan_series):
    Locale.objects.get_or_create(language_code="fr")
    Locale.objects.get_or_create(language_code="ru")
    plan = PublicationFactory(
        title="Plan", series=plan_series, is_current_version=True, languages=["en", "fr"]
    )
    french = plan.files.get(document__language="fr").document

    in_french = client.get("/fr/resources/strategic-plan/")
    in_russian = client.get("/ru/resources/strategic-plan/")

    assert in_french["ETag"] == f'"{french.file_hash}"'
    assert in_french["Content-Language"] == "fr"
    assert in_russian.status_code == 200
    assert in_russian["Content-Language"] == "en"


def test_unknown_series_is_a_404(client, library):
    assert client.get("/en/resources/no-such-series/").status_code == 404


def test_permanent_link_to_a_private_file_is_not_served(client, library, plan_series):
    private = Collection.get_first_root_node().add_child(name="Drafts")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    plan = PublicationFactory(title="Draft plan", series=plan_series, is_current_version=True)
    document = plan.files.get().document
    document.collection = private
    document.save()

    response = client.get("/en/resources/strategic-plan/")
    listing = client.get("/en/resources/").content.decode()

    assert response.status_code == 302
    assert "Draft plan" not in listing


def permalink_queries(client, path="/en/resources/strategic-plan/", **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, headers=headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body, sum(1 for q in queries if "SAVEPOINT" not in q["sql"])


def test_a_resolved_permanent_link_is_served_without_the_database(client, library, plan_series):
    plan = PublicationFactory(title="Plan", series=plan_series, is_current_version=True)
    document = plan.files.get().document
    first, first_body, resolving = permalink_queries(client)

    again, body, queries = permalink_queries(client)
    ranged, part, ranged_queries = permalink_queries(client, Range="bytes=0-4")

    assert resolving > 5  # control: the first request routes and decides
    assert queries == 0 and ranged_queries == 0
    assert body == first_body and body.startswith(b"%PDF-")
    assert ranged.status_code == 206 and part == b"%PDF-"
    for name in ("Content-Type", "ETag", "Cache-Control", "Content-Language", "Link"):
        assert again[name] == first[name]
    assert again["Link"] == f'<http://testserver{document.url}>; rel="canonical"'


def test_the_cache_remembers_which_file_never_the_file(client, rf, library, plan_series):
    PublicationFactory(title="Plan", series=plan_series, is_current_version=True)
    client.get("/en/resources/strategic-plan/")

    remembered = cache.get(permalinks._key(rf.get("/en/resources/strategic-plan/")))

    assert remembered is not None  # control: this is the entry the link is served from
    assert b"%PDF" not in pickle.dumps(remembered)
    assert len(pickle.dumps(remembered)) < 4096


def test_publishing_a_new_version_moves_the_remembered_permanent_link(client, library, plan_series):
    PublicationFactory(
        title="Plan 2021",
        series=plan_series,
        is_current_version=True,
        publication_date=datetime.date(2021, 1, 1),
    )
    before = client.get("/en/resources/strategic-plan/")["ETag"]
    assert permalink_queries(client)[2] == 0  # remembered

    newer = PublicationFactory(
        title="Plan 2025",
        series=plan_series,
        is_current_version=True,
        publication_date=datetime.date(2025, 1, 1),
    )

    after = client.get("/en/resources/strategic-plan/")
    assert after["ETag"] == f'"{newer.files.get().document.file_hash}"' != before
    newer.delete()
    assert client.get("/en/resources/strategic-plan/")["ETag"] == before


def test_a_remembered_file_moved_into_a_restricted_collection_is_no_longer_served(
    client, library, plan_series
):
    plan = PublicationFactory(title="Plan", series=plan_series, is_current_version=True)
    assert client.get("/en/resources/strategic-plan/").status_code == 200
    assert permalink_queries(client)[0].status_code == 200  # from the cache

    private = Collection.get_first_root_node().add_child(name="Members")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = plan.files.get().document
    document.collection = private
    document.save()

    assert client.get("/en/resources/strategic-plan/").status_code == 302  # to sign in
