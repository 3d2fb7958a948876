"""The library's PDF gate: hostile PDFs are refused with a message and nothing stored,
whichever way they come in; accepted PDFs lose what names their author and keep what
readers need (documents/pdf_cleaning.py, documents/upload_gate.py)."""

import hashlib
import io

import pikepdf
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from PIL import Image
from pypdf import PdfReader
from wagtail.models import Collection

from documents.document_form import UPLOAD_HELP
from documents.models import LibraryDocument
from documents.pdf_cleaning import clean_pdf
from documents.pdf_metadata import strip_jpeg_metadata
from tests.factories import (
    HOSTILE_PDFS,
    IDENTIFYING,
    IDENTIFYING_PDF,
    LibraryDocumentFactory,
    hostile_pdf,
    pdf_bytes,
    pdf_with_an_earlier_revision,
    pdf_with_identifying_metadata,
    phone_photo_jpeg,
    report_with_images_pdf,
    unchecked_document,
)

pytestmark = pytest.mark.django_db

# What an editor reads for each kind of hostile file (the start of the message).
REFUSALS = {
    "openaction_javascript": "This PDF contains JavaScript",
    "page_aa_javascript": "This PDF contains JavaScript",
    "javascript_name_tree": "This PDF contains JavaScript",
    "javascript_behind_a_back_pointer": "This PDF contains JavaScript",
    "launch": "This PDF tries to start a program",
    "submit_form": "This PDF has a form that sends or imports data",
    "import_data": "This PDF has a form that sends or imports data",
    "gotor": "This PDF opens other files by itself",
    "gotoe": "This PDF opens other files by itself",
    "openaction_uri": "This PDF opens a web address by itself",
    "rich_media": "This PDF contains embedded video, sound, Flash or 3D content",
    "embedded_file": "This PDF carries attached files",
    "file_attachment": "This PDF carries attached files",
    "xfa": "This PDF is an XFA form",
    "unknown_action": "This PDF contains an action of a kind the library cannot check",
    "encrypted": "This PDF is protected by a password or encryption",
    "restricted": "This PDF is protected by a password or encryption",
    "html_polyglot": "This file is named .pdf but its content is not a PDF",
}
assert set(REFUSALS) == {*HOSTILE_PDFS, "encrypted", "restricted", "html_polyglot"}


@pytest.fixture
def editor(client, home, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "e@inpud.example", "pw")
    client.force_login(user)
    return client


def upload_single(client, data):
    """The error message shown, or None when the upload was accepted."""
    response = client.post(
        "/admin/documents/add/",
        {
            "title": "Report",
            "language": "en",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("report.pdf", data, content_type="application/pdf"),
        },
    )
    return None if response.status_code == 302 else response.content.decode()


def upload_multiple(client, data):
    reply = client.post(
        "/admin/documents/multiple/add/",
        {
            "title": "Report",
            "collection": Collection.get_first_root_node().pk,
            "files[]": SimpleUploadedFile("report.pdf", data, content_type="application/pdf"),
        },
    ).json()
    return None if reply["success"] else reply["error_message"]


def stored_in_code(client, data):
    """Code that puts the file in storage first and saves the row after (as Wagtail's
    multiple uploader does with a file it held aside): the gate reads the stored file."""
    document = LibraryDocument(title="Report", language="en")
    try:
        document.file.save("report.pdf", ContentFile(data), save=True)
    except ValidationError as error:
        return " ".join(error.messages)
    return None


def upload_in_chooser(client, data):
    reply = client.post(
        "/admin/documents/chooser/create/",
        {
            "document-chooser-upload-title": "Report",
            "document-chooser-upload-language": "en",
            "document-chooser-upload-collection": Collection.get_first_root_node().pk,
            "document-chooser-upload-file": SimpleUploadedFile(
                "report.pdf", data, content_type="application/pdf"
            ),
        },
    ).json()
    return None if reply["step"] == "chosen" else reply["htmlFragment"]


def create_in_code(client, data):
    try:
        LibraryDocumentFactory(title="Report", content=data, filename="report.pdf")
    except ValidationError as error:
        return " ".join(error.messages)
    return None


WAYS_IN = {
    "admin": upload_single,
    "multiple": upload_multiple,
    "chooser": upload_in_chooser,
    "code": create_in_code,
    "stored-in-code": stored_in_code,
}


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()]


def served(client, document):
    response = client.get(document.url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.parametrize("kind", REFUSALS)
def test_each_kind_of_hostile_pdf_is_refused_with_its_message(editor, media_root, kind):
    message = upload_single(editor, hostile_pdf(kind))

    assert message is not None and REFUSALS[kind] in message
    assert "It was not saved." in message
    assert not LibraryDocument.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("way_in", WAYS_IN)
def test_a_hostile_pdf_is_refused_whichever_way_it_comes_in(editor, media_root, way_in):
    message = WAYS_IN[way_in](editor, hostile_pdf("openaction_javascript"))

    assert message is not None and "This PDF contains JavaScript" in message
    assert not LibraryDocument.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("way_in", WAYS_IN)
def test_a_plain_pdf_is_accepted_whichever_way_it_comes_in(editor, media_root, way_in):
    assert WAYS_IN[way_in](editor, pdf_bytes("Plain report")) is None

    document = LibraryDocument.objects.get()
    assert document.page_count == 1
    assert served(editor, document) == clean_pdf(pdf_bytes("Plain report"))


def test_the_hostile_pdfs_are_real_pdfs_that_readers_open():
    """The control: each refused file opens, so it is its content that is refused."""
    for kind in HOSTILE_PDFS:
        with pikepdf.open(io.BytesIO(hostile_pdf(kind))) as pdf:
            assert len(pdf.pages) == 1
    # The polyglot too: readers find its %PDF- header past the HTML.
    with pikepdf.open(io.BytesIO(hostile_pdf("html_polyglot"))) as pdf:
        assert len(pdf.pages) == 1
    with pikepdf.open(io.BytesIO(hostile_pdf("encrypted")), password="open sesame") as pdf:
        assert pdf.is_encrypted


def test_an_openaction_that_goes_to_a_page_and_clicked_links_are_accepted(editor):
    # Office programs write an /OpenAction: fpdf2 writes [page /FitH null], and a GoTo
    # action is the other common form. A link the reader clicks may open a web address.
    assert "/OpenAction" in pikepdf.open(io.BytesIO(pdf_bytes())).Root
    with pikepdf.open(io.BytesIO(pdf_bytes("Linked"))) as pdf:
        page = pdf.pages[0].obj
        pdf.Root.OpenAction = pikepdf.Dictionary(
            S=pikepdf.Name.GoTo, D=pikepdf.Array([page, pikepdf.Name.Fit])
        )
        page.Annots = pdf.make_indirect(
            pikepdf.Array(
                [
                    pikepdf.Dictionary(
                        Type=pikepdf.Name.Annot,
                        Subtype=pikepdf.Name.Link,
                        Rect=[72, 72, 200, 100],
                        A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI="https://inpud.net/"),
                    )
                ]
            )
        )
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)

    assert upload_single(editor, out.getvalue()) is None
    stored = pikepdf.open(io.BytesIO(served(editor, LibraryDocument.objects.get())))
    assert str(stored.Root.OpenAction.S) == "/GoTo"
    assert stored.pages[0].obj.Annots[0].A.URI == "https://inpud.net/"


def test_a_real_report_with_images_is_accepted_and_still_opens(editor):
    original = report_with_images_pdf(pages=3)

    assert upload_single(editor, original) is None

    stored = served(editor, LibraryDocument.objects.get())
    reader = PdfReader(io.BytesIO(stored))
    assert len(reader.pages) == 3
    assert "Naloxone distribution, page 3" in reader.pages[2].extract_text()
    with pikepdf.open(io.BytesIO(stored)) as cleaned, pikepdf.open(io.BytesIO(original)) as raw:
        for before, after in zip(raw.pages, cleaned.pages, strict=True):
            images_before = [
                pikepdf.PdfImage(i).as_pil_image() for i in before.get_images().values()
            ]
            images_after = [pikepdf.PdfImage(i).as_pil_image() for i in after.get_images().values()]
            # Exactly the same pixels: the JPEG's data is copied, only its segments go.
            assert [i.tobytes() for i in images_after] == [i.tobytes() for i in images_before]
    assert [word for word in IDENTIFYING if word in original]  # the photo's EXIF was in it
    assert [word for word in IDENTIFYING if word in stored] == []


def test_a_served_pdf_names_nobody_and_keeps_its_title_language_and_tags(editor):
    original = pdf_with_identifying_metadata()
    assert all(word in original for word in IDENTIFYING_PDF)  # the control

    assert upload_single(editor, original) is None

    stored = served(editor, LibraryDocument.objects.get())
    assert [word for word in IDENTIFYING_PDF if word in stored] == []
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        assert dict(pdf.docinfo) == {"/Title": "Harm reduction & rights"}
        assert pdf.Root.Lang == "fr"
        assert pdf.Root.MarkInfo.Marked is True
        assert "/StructTreeRoot" in pdf.Root
        xmp = pdf.open_metadata()
        assert xmp.get("pdfuaid:part") == "1"
        assert xmp.get("dc:title") == "Harm reduction & rights"
        assert xmp.get("dc:creator") is None and xmp.get("xmp:CreatorTool") is None
        comment, popup = pdf.pages[0].obj.Annots
        assert comment.Contents == "Check the figures"  # the comment stays, its author goes
        assert "/T" not in comment and "/M" not in comment and "/T" not in popup
        assert "/PieceInfo" not in pdf.pages[0].obj
        assert "/Metadata" not in pdf.pages[0].obj.Resources.XObject.Im1


def test_no_earlier_revision_survives(editor):
    original = pdf_with_an_earlier_revision()
    assert b"SECRET DRAFT WORDING" in original and original.count(b"%%EOF") == 2

    assert upload_single(editor, original) is None

    stored = served(editor, LibraryDocument.objects.get())
    # Rewritten whole: a linearized file has exactly two trailers (the first page's and
    # the file's), where an incremental update would have added a third.
    assert stored.count(b"%%EOF") == 2 and b"SECRET" not in stored
    assert "Final wording" in PdfReader(io.BytesIO(stored)).pages[0].extract_text()
    with pikepdf.open(io.BytesIO(stored)) as pdf:
        streams = [o.read_bytes() for o in pdf.objects if isinstance(o, pikepdf.Stream)]
    assert not [data for data in streams if b"SECRET" in data]


def test_cleaning_is_deterministic_and_a_clean_file_stays_the_same(editor, media_root):
    original = pdf_with_identifying_metadata()

    assert upload_single(editor, original) is None
    assert upload_single(editor, original) is None

    first, second = (served(editor, d) for d in LibraryDocument.objects.order_by("pk"))
    assert first == second
    assert clean_pdf(first) == first
    document = LibraryDocument.objects.first()
    assert document.file_size == len(first)
    assert len(first) < len(original)


def test_the_embedded_jpegs_exif_is_removed_without_touching_its_pixels():
    photo = phone_photo_jpeg()

    stripped = strip_jpeg_metadata(photo)

    assert [word for word in IDENTIFYING if word in stripped] == []
    assert len(stripped) < len(photo)
    assert strip_jpeg_metadata(stripped) == stripped
    assert Image.open(io.BytesIO(stripped)).tobytes() == Image.open(io.BytesIO(photo)).tobytes()
    assert strip_jpeg_metadata(b"not a jpeg") == b"not a jpeg"
    assert strip_jpeg_metadata(photo[:-50]) == photo[:-50]  # cut off: left as it is


def test_clean_documents_cleans_old_files_skips_clean_ones_and_reports_hostile_ones(media_root):
    old = unchecked_document(pdf_with_identifying_metadata(), "old-report.pdf", title="Old")
    clean = LibraryDocumentFactory(title="Clean already")
    hostile = unchecked_document(hostile_pdf("launch"), "tool.pdf", title="Suspicious tool")
    clean_file = (media_root / clean.file.name).read_bytes()
    out, err = io.StringIO(), io.StringIO()

    with pytest.raises(CommandError, match="1 refused"):
        call_command("clean_documents", stdout=out, stderr=err)

    old.refresh_from_db()
    assert old.file.name == "documents/old-report.pdf"  # the same address
    cleaned = (media_root / old.file.name).read_bytes()
    assert [word for word in IDENTIFYING_PDF if word in cleaned] == []
    assert (old.file_size, old.file_hash) == (len(cleaned), hashlib.sha1(cleaned).hexdigest())  # noqa: S324
    assert old.page_count == 1
    assert (media_root / clean.file.name).read_bytes() == clean_file
    assert f"document {hostile.pk} “Suspicious tool”" in err.getvalue()
    assert "This PDF tries to start a program" in err.getvalue()
    assert (media_root / hostile.file.name).read_bytes() == hostile_pdf("launch")  # kept
    assert "1 document cleaned, 1 already clean" in out.getvalue()
    assert not list(media_root.rglob("*.before-cleaning"))

    LibraryDocument.objects.filter(pk=hostile.pk).delete()  # an editor deleted it
    again = io.StringIO()
    call_command("clean_documents", stdout=again)

    assert "0 documents cleaned, 2 already clean" in again.getvalue()


def test_the_upload_form_tells_editors_what_is_removed_and_refused(editor):
    html = editor.get("/admin/documents/add/").content.decode()

    assert str(UPLOAD_HELP) in html
    assert "comment authors" in str(UPLOAD_HELP) and "password" in str(UPLOAD_HELP)
