"""PDFs are stored linearized ("fast web view"), checked with the PDF library itself; the
output is deterministic, still opens, and clean_documents converts old files."""

import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from pypdf import PdfReader
from wagtail.models import Collection

from documents.models import LibraryDocument
from documents.pdf_cleaning import clean_pdf
from documents.seed_plan import strategic_plan_pdf
from tests.factories import pdf_bytes, unchecked_document

pytestmark = pytest.mark.django_db


def is_linearized(data):
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return pdf.is_linearized and pdf.check_linearization(stream=io.StringIO())


def not_linearized(data):
    """`data` rewritten as the pipeline wrote files before it linearized them."""
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def test_an_uploaded_pdf_is_stored_linearized_and_still_opens(admin_client, home, media_root):
    original = pdf_bytes("A report", pages=3)
    assert not is_linearized(original)  # control: what editors upload is not

    response = admin_client.post(
        "/admin/documents/add/",
        {
            "title": "Report",
            "language": "en",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("report.pdf", original, content_type="application/pdf"),
        },
    )

    assert response.status_code == 302
    document = LibraryDocument.objects.get()
    stored = (media_root / document.file.name).read_bytes()
    assert is_linearized(stored)
    reader = PdfReader(io.BytesIO(stored))
    assert len(reader.pages) == 3 == document.page_count
    assert "A report (page 2)" in reader.pages[1].extract_text()
    assert document.file_size == len(stored)


def test_linearizing_is_deterministic_and_idempotent():
    original = strategic_plan_pdf()

    first, second = clean_pdf(original), clean_pdf(original)

    assert first == second
    assert clean_pdf(first) == first  # how clean_documents knows a file is done
    assert is_linearized(first)


def test_clean_documents_converts_an_old_file_that_is_not_linearized(media_root):
    old_bytes = not_linearized(clean_pdf(pdf_bytes("An old report", pages=2)))
    assert not is_linearized(old_bytes)
    old = unchecked_document(old_bytes, "old-report.pdf", title="Old")
    done = unchecked_document(clean_pdf(pdf_bytes("Done")), "done.pdf", title="Done")
    out = io.StringIO()

    call_command("clean_documents", stdout=out)

    old.refresh_from_db()
    stored = (media_root / old.file.name).read_bytes()
    assert old.file.name == "documents/old-report.pdf"  # the same address
    assert is_linearized(stored) and old.file_size == len(stored)
    assert "An old report (page 2)" in PdfReader(io.BytesIO(stored)).pages[1].extract_text()
    assert is_linearized((media_root / done.file.name).read_bytes())
    assert "1 document cleaned, 1 already clean" in out.getvalue()
