"""Unpublished pages and private documents stay out of anonymous visitors' reach,
including through the sitemap."""

import pytest
from django.core.files.base import ContentFile
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from documents.models import LibraryDocument
from documents.pdf_cleaning import clean_pdf
from hosting.media import serve_image
from tests.factories import HomePageFactory, pdf_bytes

# Already through the upload gate, so stored and served exactly as it is.
PDF = clean_pdf(pdf_bytes("Board minutes"))


@pytest.fixture
def draft(home):
    page = HomePageFactory(parent=home, title="Unpublished statement", slug="statement")
    page.unpublish()
    return page


@pytest.fixture
def restricted(home):
    page = HomePageFactory(parent=home, title="Board papers", slug="board-papers")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="board"
    )
    return page


def test_an_unpublished_page_is_not_found_by_visitors(client, draft):
    response = client.get("/en/statement/")

    assert response.status_code == 404
    assert b"Unpublished statement" not in response.content


def test_a_restricted_page_asks_for_its_password_and_shows_nothing(client, restricted):
    response = client.get("/en/board-papers/")

    assert response.status_code == 200
    assert b'name="password"' in response.content
    assert b"INPUD is a global peer-based organisation" not in response.content


def test_the_sitemap_lists_neither_unpublished_nor_restricted_pages(client, draft, restricted):
    body = client.get("/sitemap-en.xml").content.decode()

    assert "/en/" in body
    assert "statement" not in body
    assert "board-papers" not in body


@pytest.fixture
def private_document(db):
    collection = Collection.get_first_root_node().add_child(name="Board only")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = LibraryDocument(title="Minutes", collection=collection)
    document.file.save("minutes.pdf", ContentFile(PDF))
    return document


def test_a_private_document_is_not_served_to_anonymous_visitors(client, private_document):
    response = client.get(private_document.url)

    assert response.status_code in {302, 403}
    assert PDF not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_a_private_document_is_served_to_a_signed_in_editor(client, admin_user, private_document):
    client.force_login(admin_user)

    response = client.get(private_document.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_media_files_of_documents_are_never_served_directly(private_document):
    request = RequestFactory().get(f"/media/{private_document.file.name}")
    with pytest.raises(Http404):
        serve_image(request, private_document.file.name)
