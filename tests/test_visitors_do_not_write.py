"""Nothing a visitor's request does writes to the database (issue 21).

A page view that writes is a lock waiting to happen, on SQLite above all, where one
connection writes at a time and visitors' reads do not take the write lock
(hosting.sqlite). Every kind of public request, rendered and then from the page cache,
sends only reads; visitors get no session. Search queries are not logged (Wagtail's search
promotions, which count them, are not installed), and nothing listens to the document
view's `document_served` signal.
"""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from documents.models import LibraryDocument
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
VISITORS_PATHS = [
    "/",
    "/en/",
    "/en/about/",
    "/en/about/aims/",
    "/en/about/governance/",  # with a board photo
    "/fr/about/aims/",
    "/en/resources/",
    "/en/resources/?q=strategic&language=fr",
    "/en/resources/publications/inpud-strategic-plan-2021-2024/",
    "/en/resources/strategic-plan/",  # a permanent link: the current version's PDF
    "/en/search/?q=drugs",
    "/sitemap.xml",
    "/sitemap-en.xml",
    "/robots.txt",
    "/en/no-such-page/",
]


def board_photo():
    return Image.objects.create(title="Board member", file=get_test_image_file(size=(640, 480)))


@pytest.fixture
def seeded_site(db, django_capture_on_commit_callbacks):
    call_command("load_site_content", stdout=io.StringIO())
    # As an editor's save in the admin: its after-commit work (the photo's sizes) runs.
    with django_capture_on_commit_callbacks(execute=True):
        PersonFactory(name="Pictured Person", photo=board_photo())


def writes_of(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.streaming:
        b"".join(response.streaming_content)  # a file is read as it is sent
    return response, [query["sql"] for query in queries if WRITE.match(query["sql"])]


def test_no_visitors_request_writes_to_the_database(seeded_site, client):
    document = LibraryDocument.objects.order_by("pk").first()

    for path in [*VISITORS_PATHS, document.url]:
        for visit in ("first visit", "second visit"):  # a render, then the page cache
            response, writes = writes_of(client, path)

            assert response.status_code in {200, 302, 404}, (path, response.status_code)
            assert writes == [], (path, visit, writes)
            assert "sessionid" not in response.cookies, path


def test_a_board_photo_without_its_sizes_would_make_the_visitor_write(seeded_site, client):
    """The control: a person saved without the editor's after-commit work (as in code,
    not through the admin) leaves the photo's sizes to the first visitor, who writes."""
    PersonFactory(name="Pictured Later", photo=board_photo())

    response, writes = writes_of(client, "/en/about/governance/")

    assert response.status_code == 200
    assert any("wagtailimages_rendition" in sql for sql in writes), writes
