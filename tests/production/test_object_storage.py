"""Documents in S3-compatible object storage (moto's server on loopback): uploaded through
the admin of a production server, served back through the site's document view with the
library's headers, never from a public bucket URL."""

import sqlite3

import pytest

from documents.pdf_cleaning import clean_pdf
from harness import servers
from harness.services import moto_available, moto_s3_server
from tests.conftest import require
from tests.factories import pdf_bytes

# Already through the upload gate, so stored and served exactly as it is.
PDF = clean_pdf(pdf_bytes("Board minutes"))


@pytest.fixture
def s3():
    require(moto_available(), "moto_server (pip install 'moto[server,s3]')")
    with moto_s3_server() as (url, client):
        yield url, client


def test_a_document_uploaded_to_object_storage_is_served_with_the_librarys_headers(s3, tmp_path):
    endpoint, client = s3
    env = {
        "AWS_STORAGE_BUCKET_NAME": "inpud-media",
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
    }
    with servers.production_server(tmp_path, **env) as base:
        username, password = servers.create_superuser(servers.production_env(tmp_path, 0, **env))
        editor = servers.AdminSession(base)
        editor.login(username, password)
        editor.request("/admin/documents/add/")

        status, headers, _ = editor.request(
            "/admin/documents/add/",
            {
                "csrfmiddlewaretoken": editor.cookies["csrftoken"],
                "title": "Annual report",
                "language": "en",
            },
            files={"file": ("annual-report.pdf", PDF, "application/pdf")},
        )

        assert status == 302, headers
        keys = [item["Key"] for item in client.list_objects_v2(Bucket="inpud-media")["Contents"]]
        assert "documents/annual-report.pdf" in keys  # beside the seed's placeholder PDFs
        assert not (tmp_path / "media" / "documents").exists()
        with sqlite3.connect(tmp_path / "db.sqlite3") as db:
            (document_id,) = db.execute(
                "SELECT id FROM documents_librarydocument WHERE title = ?", ("Annual report",)
            ).fetchone()

        address = f"/documents/{document_id}/annual-report.pdf"
        # Used by nothing yet: not public, but the editor who uploaded it can open it.
        anonymous_status, _, anonymous_body = servers.fetch(base + address)
        status, headers, body = editor.request(address)

        assert anonymous_status == 404 and PDF not in anonymous_body
        assert status == 200
        assert body == PDF
        assert headers["Content-Type"] == "application/pdf"
        assert headers["Content-Disposition"].startswith("inline")
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert "Set-Cookie" not in headers
        # Images come from the bucket: the CSP allows exactly its address, nothing wider.
        _, headers, _ = servers.fetch(f"{base}/en/")
        # (django-csp does not keep the directives' order: compare the directive itself)
        directives = [d.strip() for d in headers["Content-Security-Policy"].split(";")]
        assert f"img-src 'self' data: {endpoint}" in directives
