"""`make run` (DEBUG on) serves media the way production does: images from their own
folders, never a document, whose only way out is the document view and its checks."""

import importlib
import io

import pytest
from django.urls import clear_url_caches
from PIL import Image
from wagtail.models import Collection, CollectionViewRestriction

import inpud.urls
from tests.factories import LibraryDocumentFactory, PublicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def development_urls(settings):
    """The site's URLs as `make run` builds them, with DEBUG on."""
    settings.DEBUG = True
    importlib.reload(inpud.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(inpud.urls)
    clear_url_caches()


@pytest.fixture
def image_file(media_root):
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2)).save(buffer, "PNG")
    (media_root / "original_images").mkdir(parents=True)
    (media_root / "original_images" / "dot.png").write_bytes(buffer.getvalue())
    return "original_images/dot.png"


def test_with_debug_on_no_document_is_served_from_the_media_folder(
    client, home, development_urls, image_file
):
    board = Collection.get_first_root_node().add_child(name="Board only")
    CollectionViewRestriction.objects.create(
        collection=board, restriction_type=CollectionViewRestriction.LOGIN
    )
    restricted = LibraryDocumentFactory(title="Board minutes", collection=board)
    unused = LibraryDocumentFactory(title="Half-finished upload")
    public = LibraryDocumentFactory(title="Annual report")
    PublicationFactory(title="Annual report 2024", documents=[public])

    for document in (restricted, unused, public):
        response = client.get(f"/media/{document.file.name}")
        assert response.status_code == 404, document.file.name
        assert b"%PDF" not in response.content
    # Controls: the image is served from its folder, the public file through its view.
    image = client.get(f"/media/{image_file}")
    assert image.status_code == 200
    assert image["Content-Type"] == "image/png"
    assert client.get(public.url).status_code == 200
    assert client.get(unused.url).status_code == 404
