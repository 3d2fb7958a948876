"""Every public page type renders (uncached, on a warm site) within 10 SQL queries; a
file is served in two."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.library_page import DocumentLibraryPage
from news.models import NewsIndexPage
from tests.conftest import kept_for_the_module
from tests.factories import (
    LibraryDocumentFactory,
    NewsItemPageFactory,
    PersonFactory,
    PublicationFactory,
    StandardPageFactory,
    TopicFactory,
    news_type,
)

pytestmark = pytest.mark.django_db

BUDGET = 10
PAGES = [
    "/en/",
    "/en/about/",
    "/en/about/aims/",
    "/en/about/principles/",
    "/en/about/governance/",
    "/en/about/vancouver-declaration/",
    "/en/privacy/",
    "/en/search/?q=harm",
    "/en/search/?q=strategic",  # publications and pages
    "/fr/search/?q=technical",
    "/en/search/?q=brief&page=2",
    "/fr/",
    "/fr/about/aims/",
    "/en/resources/",
    "/en/resources/?q=strategic",
    "/en/resources/?category=strategy&language=fr&year=2021",
    "/en/resources/?page=2",
    "/en/resources/publications/inpud-strategic-plan-2021-2024/",
    "/ru/resources/",
    "/ru/resources/publications/inpud-strategic-plan-2021-2024/",
    "/en/resources/publications/inpud-strategic-plan-2021-2024/read/",
    "/fr/resources/publications/inpud-strategic-plan-2021-2024/read/",
    "/en/news/",
    "/en/news/?type=statement&topic=ukraine&year=2025",
    "/en/news/?page=2",
    "/en/news/statement-3/",
    "/fr/news/",
    "/fr/news/statement-3/",
    "/en/news/statement-4/",
    "/fr/news/statement-4/",
    "/en/contact/",
    "/en/about/networks/",
    "/fr/about/networks/?region=europe",
]
# A link to a publication costs two queries of its own (the publication chosen, then its
# visible files with their facts): an item page with one is allowed them.
PUBLICATION_LINK_QUERIES = 2


@pytest.fixture(scope="module")
def seeded_for_the_module(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with kept_for_the_module(django_db_blocker, media):
        seed()
        yield media


@pytest.fixture
def seeded_site(seeded_for_the_module, db, settings):
    settings.MEDIA_ROOT = seeded_for_the_module


def seed():
    call_command("load_site_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    PersonFactory.create_batch(5)
    for number in range(5):
        PublicationFactory(title=f"Technical brief {number}", languages=["en", "fr"])
    DocumentLibraryPage.objects.update(per_page=5)  # so that a second page of results exists
    statement = news_type("statement")
    ukraine = TopicFactory(name="Ukraine", slug="ukraine")
    index = NewsIndexPage.objects.get()
    plan = PublicationFactory(title="A plan", languages=["en", "fr"])
    for number in range(12):  # two pages of the news list, each item with a topic
        body = [("publication", {"publication": plan, "series": None, "label": ""})] * (number == 3)
        NewsItemPageFactory(
            parent=index,
            title=f"Statement {number}",
            news_type=statement,
            topics=[ukraine],
            body=body,
            date=datetime.date(2025, 1, number + 1),
        )


@pytest.mark.parametrize("path", PAGES)
def test_uncached_render_stays_within_the_query_budget(seeded_site, render_queries, path):
    links_a_publication = path.endswith("/news/statement-3/")
    assert render_queries(path) <= BUDGET + (PUBLICATION_LINK_QUERIES if links_a_publication else 0)


def file_queries(client, document):
    """SQL queries of one anonymous download of `document` (savepoints left out, as above)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(document.url)
    assert response.status_code == 200
    return sum(1 for q in queries if "SAVEPOINT" not in q["sql"])


def test_a_public_file_is_served_in_two_queries_however_much_links_to_files(client, home):
    """The document, then whether it is public (publications, live public pages, view
    restrictions: one query), whatever the number of pages and publications."""
    listed = PublicationFactory(title="Listed").files.get().document
    linked = LibraryDocumentFactory(title="Linked")
    StandardPageFactory(parent=home, title="Links", body=[("document", {"document": linked})])
    small = (file_queries(client, listed), file_queries(client, linked))
    for number in range(10):
        PublicationFactory(title=f"Brief {number}", languages=["en", "fr"])
        document = LibraryDocumentFactory(title=f"Linked {number}")
        body = [("document", {"document": document})]
        StandardPageFactory(parent=home, title=f"Page {number}", body=body)

    assert small == (2, 2)
    assert (file_queries(client, listed), file_queries(client, linked)) == small
