"""Upload limits, file names, and what the site will serve back from uploads."""

import io
import re
import struct
import zlib

import pytest
from django.core.files.uploadedfile import (
    InMemoryUploadedFile,
    SimpleUploadedFile,
    TemporaryUploadedFile,
)
from django.http import Http404
from django.test import RequestFactory
from PIL import Image
from wagtail.images import get_image_model

from documents.models import LibraryDocument
from hosting.media import serve_image
from tests.factories import pdf_bytes

PDF = pdf_bytes("Report")


MB = 1024 * 1024


def test_by_default_a_request_body_over_50_mb_is_refused_and_one_of_50_mb_is_not(client, db):
    # The declared length alone decides (the body sent is tiny): MAX_REQUEST_BODY_SIZE.
    def declared(length):
        return client.generic(
            "POST", "/admin/login/", b"x", CONTENT_TYPE="text/plain", CONTENT_LENGTH=str(length)
        ).status_code

    assert declared(50 * MB + 1) == 413
    assert declared(50 * MB) != 413


def test_by_default_a_form_over_5_mb_is_refused_and_one_under_is_read(client, db):
    # Form fields are held in memory: DATA_UPLOAD_MAX_MEMORY_SIZE bounds them.
    over = client.post("/accounts/login/", {"login": "x" * (5 * MB), "password": "p"})
    under = client.post("/accounts/login/", {"login": "x" * (4 * MB), "password": "p"})

    assert over.status_code == 400
    assert under.status_code == 200  # the sign-in form again, with its error


def test_by_default_an_uploaded_file_over_2_mb_goes_to_disk_not_memory():
    # FILE_UPLOAD_MAX_MEMORY_SIZE (of the whole request body, form headers included):
    # larger uploads are streamed to a temporary file.
    def uploaded(size):
        upload = SimpleUploadedFile("a.pdf", b"0" * size, "application/pdf")
        return RequestFactory().post("/", {"file": upload}).FILES["file"]

    assert isinstance(uploaded(2 * MB + 1), TemporaryUploadedFile)
    assert isinstance(uploaded(2 * MB - 1024), InMemoryUploadedFile)


def png_of_size(size: int) -> bytes:
    """A valid 8x8 PNG of exactly `size` bytes: the padding is a private ancillary chunk
    (`prVt`), which image readers skip, so only the file's size is unusual."""
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(picture, "PNG")
    png = picture.getvalue()
    end = png.rindex(b"IEND") - 4  # the IEND chunk: length, type, CRC
    padding = b"\0" * (size - len(png) - 12)  # a chunk's length, type and CRC: 12 bytes
    chunk = struct.pack(">I", len(padding)) + b"prVt" + padding
    chunk += struct.pack(">I", zlib.crc32(b"prVt" + padding))
    return png[:end] + chunk + png[end:]


def test_an_image_just_over_10_mb_is_refused_with_its_limit_and_one_under_is_saved(
    admin_client,
):
    # Wagtail's image form checks WAGTAILIMAGES_MAX_UPLOAD_SIZE and names the limit; both
    # requests stay well under the request limit (50 MB), so the form answers, not a 413.
    def add(name, size):
        upload = SimpleUploadedFile(f"{name}.png", png_of_size(size), "image/png")
        return admin_client.post(
            "/admin/images/add/", {"title": name, "file": upload, "description": name}
        )

    over = add("Over", 10 * MB + 1)
    assert over.status_code == 200  # the form again, with the error
    assert re.search(r"This file is too big .*Maximum filesize 10.0\s?MB", over.content.decode())
    assert not get_image_model().objects.exists()

    under = add("Under", 10 * MB - 1024)
    assert under.status_code == 302
    assert get_image_model().objects.get().title == "Under"


def test_an_oversized_upload_is_refused_with_413_and_nothing_is_stored(
    client, admin_user, settings
):
    settings.MAX_REQUEST_BODY_SIZE = 64 * 1024
    client.force_login(admin_user)
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * 100 * 1024, "application/pdf")

    response = client.post("/admin/documents/add/", {"title": "Big", "file": big})

    assert response.status_code == 413
    assert b"too large" in response.content
    assert not LibraryDocument.objects.exists()


def test_the_size_check_uses_the_header_before_reading_the_body(client, settings):
    settings.MAX_REQUEST_BODY_SIZE = 1024

    # The declared length alone decides: the body sent is tiny.
    response = client.generic(
        "POST", "/admin/login/", b"x", CONTENT_TYPE="text/plain", CONTENT_LENGTH="999999999"
    )

    assert response.status_code == 413


@pytest.mark.django_db
def test_uploaded_file_names_are_sanitised(client, admin_user):
    client.force_login(admin_user)
    upload = SimpleUploadedFile("../../etc/évil <name>.pdf", PDF, "application/pdf")

    response = client.post(
        "/admin/documents/add/", {"title": "Report", "language": "en", "file": upload}
    )

    assert response.status_code == 302
    stored = LibraryDocument.objects.get().file.name
    assert stored.startswith("documents/")
    assert ".." not in stored and "<" not in stored and " " not in stored


@pytest.mark.parametrize("name", ["page.html", "drawing.svg", "script.js"])
def test_only_pdf_documents_are_accepted(client, admin_user, name):
    client.force_login(admin_user)
    upload = SimpleUploadedFile(name, b"<script>alert(1)</script>", "text/html")

    response = client.post("/admin/documents/add/", {"title": "Bad", "file": upload})

    assert response.status_code == 200  # the form again, with the error
    assert b"not allowed" in response.content
    assert not LibraryDocument.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "../inpud/settings.py",
        "images/../../inpud/settings.py",
        "documents/report.pdf",
        "images/page.html",
        "images/drawing.svg",
        "original_images/",
    ],
)
def test_media_view_serves_nothing_but_images(path):
    with pytest.raises(Http404):
        serve_image(RequestFactory().get(f"/media/{path}"), path)


@pytest.mark.django_db  # the view asks which pages use the image (embargoed images)
def test_media_view_serves_an_image_that_cannot_run_as_a_page(media_root, settings):
    (media_root / "images").mkdir(parents=True)
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2)).save(buffer, "PNG")
    (media_root / "images" / "dot.png").write_bytes(buffer.getvalue())

    response = serve_image(RequestFactory().get("/media/images/dot.png"), "images/dot.png")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "suffix",
    ["../../inpud/settings.py", "..%2F..%2Finpud%2Fsettings.py", "%2e%2e/%2e%2e/manage.py"],
)
def test_path_traversal_in_document_urls_is_refused(client, db, suffix):
    document = LibraryDocument(title="Report")
    document.file.save("report.pdf", SimpleUploadedFile("report.pdf", PDF))

    response = client.get(f"/documents/{document.pk}/{suffix}")

    assert response.status_code == 404
    assert b"SECRET_KEY" not in response.content and b"django" not in response.content
