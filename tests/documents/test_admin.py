import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Collection
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html

from documents.models import LibraryDocument, Publication
from documents.pdf_cleaning import clean_pdf
from tests.factories import (
    LibraryDocumentFactory,
    PublicationFactory,
    PublicationSeriesFactory,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200 + b"This program cannot be run in DOS"
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(1)</script>%PDF-</body></html>"


@pytest.fixture
def editor(client, home, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def stored_files(media_root):
    folder = media_root / "documents"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def upload(editor, content, name="plan.pdf", language="en"):
    return editor.post(
        "/admin/documents/add/",
        {
            "title": "Uploaded plan",
            "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
            "collection": Collection.get_first_root_node().pk,
            "language": language,
            "tags": "",
        },
    )


def test_real_pdf_upload_is_accepted_with_its_facts(editor, media_root):
    response = upload(editor, pdf_bytes("Strategic Plan 2025-2028", pages=4), language="fr")

    assert response.status_code == 302
    document = LibraryDocument.objects.get()
    assert document.language == "fr"
    assert document.page_count == 4
    assert document.file_size == len(clean_pdf(pdf_bytes("Strategic Plan 2025-2028", pages=4)))
    assert stored_files(media_root) == ["plan.pdf"]


@pytest.mark.parametrize("content", [EXECUTABLE, HTML_PAGE], ids=["exe", "html"])
def test_file_renamed_pdf_is_refused_and_nothing_is_stored(editor, media_root, content):
    response = upload(editor, content, name="setup.pdf")

    assert response.status_code == 200
    assert "its content is not a PDF" in response.content.decode()
    assert not LibraryDocument.objects.exists()
    assert stored_files(media_root) == []


@pytest.mark.parametrize("content", [EXECUTABLE, HTML_PAGE], ids=["exe", "html"])
def test_multiple_upload_refuses_renamed_files_too(editor, media_root, content):
    response = editor.post(
        "/admin/documents/multiple/add/",
        {"files[]": SimpleUploadedFile("setup.pdf", content, content_type="application/pdf")},
    )

    assert response.status_code == 200
    assert response.json()["success"] is False
    assert "its content is not a PDF" in response.json()["error_message"]
    assert not LibraryDocument.objects.exists()
    assert stored_files(media_root) == []


def bulk_upload(editor, filename, content):
    """What the multiple uploader's page posts for each file dropped on it."""
    return editor.post(
        "/admin/documents/multiple/add/",
        {
            "title": filename.removesuffix(".pdf"),
            "collection": Collection.get_first_root_node().pk,
            "files[]": SimpleUploadedFile(filename, content, content_type="application/pdf"),
        },
    ).json()


def test_bulk_upload_stores_each_file_and_the_editor_then_sets_its_language(editor, media_root):
    replies = [
        bulk_upload(editor, "plan-strategique.pdf", pdf_bytes("Plan stratégique", pages=2)),
        bulk_upload(editor, "plan-estrategico.pdf", pdf_bytes("Plan estratégico", pages=3)),
    ]

    # Each file is a library document as soon as it is uploaded (English until the editor
    # says otherwise), with the facts read from the PDF.
    assert [reply["success"] for reply in replies] == [True, True]
    assert [
        (d.title, d.language, d.page_count) for d in LibraryDocument.objects.order_by("pk")
    ] == [("plan-strategique", "en", 2), ("plan-estrategico", "en", 3)]
    assert stored_files(media_root) == ["plan-estrategico.pdf", "plan-strategique.pdf"]

    # Under each file the uploader shows its form, with the library's Language field.
    for reply, title, language in [
        (replies[0], "Plan stratégique 2021-2024", "fr"),
        (replies[1], "Plan estratégico 2021-2024", "es"),
    ]:
        prefix = f"doc-{reply['doc_id']}"
        assert f'name="{prefix}-language"' in reply["form"]
        data = querydict_from_html(reply["form"])
        data[f"{prefix}-title"] = title
        data[f"{prefix}-language"] = language
        action = re.search(r'<form action="([^"]+)"', reply["form"]).group(1)
        assert editor.post(action, data).json() == {"success": True, "doc_id": reply["doc_id"]}

    assert [(d.title, d.language) for d in LibraryDocument.objects.order_by("pk")] == [
        ("Plan stratégique 2021-2024", "fr"),
        ("Plan estratégico 2021-2024", "es"),
    ]


def test_bulk_upload_form_explains_a_missing_title(editor):
    reply = bulk_upload(editor, "plan.pdf", pdf_bytes("Plan"))
    prefix = f"doc-{reply['doc_id']}"
    data = querydict_from_html(reply["form"])
    data[f"{prefix}-title"] = ""

    answer = editor.post(f"/admin/documents/multiple/{reply['doc_id']}/", data).json()

    assert answer["success"] is False
    assert "This field is required." in answer["form"]
    assert LibraryDocument.objects.get().title == "plan"


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        (
            "page.html",
            b"<html></html>",
            "File extension “html” is not allowed. Allowed extensions are: pdf.",
        ),
        (
            "big.pdf",
            pdf_bytes("big", pages=3),
            "the largest file the library accepts is 1000\xa0bytes.",
        ),
    ],
    ids=["not-a-pdf", "too-large"],
)
def test_bulk_upload_refuses_a_file_with_a_clear_message(
    editor, media_root, settings, filename, content, message
):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 1000

    reply = bulk_upload(editor, filename, content)

    assert reply["success"] is False
    assert message in reply["error_message"]
    assert not LibraryDocument.objects.exists()
    assert stored_files(media_root) == []


def test_oversized_upload_is_refused_with_the_limit(editor, media_root, settings):
    settings.DOCUMENTS_MAX_UPLOAD_BYTES = 1000

    response = upload(editor, pdf_bytes("big", pages=3))

    assert response.status_code == 200
    assert "the largest file the library accepts is 1000" in response.content.decode()
    assert stored_files(media_root) == []


def test_html_extension_is_refused(editor, media_root):
    response = upload(editor, b"<html></html>", name="page.html")

    assert response.status_code == 200
    assert "not allowed" in response.content.decode()
    assert stored_files(media_root) == []


def publication_form(title, slug, series, documents, *, current=True, date="2025-01-01"):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "The new plan.",
            "category": "",
            "publication_date": date,
            "series": series.pk,
            "version_label": "2025-2028",
            "is_current_version": "on" if current else "",
            "files": inline_formset([{"document": d.pk} for d in documents]),
        }
    )


def test_editor_adds_a_bilingual_plan_and_publishing_makes_it_current(editor, library):
    series = PublicationSeriesFactory(key="strategic-plan")
    old = PublicationFactory(
        title="Strategic Plan 2021-2024",
        series=series,
        is_current_version=True,
        publication_date=datetime.date(2021, 1, 1),
        languages=["en", "fr"],
    )
    english = LibraryDocumentFactory(title="Strategic Plan 2025-2028", language="en")
    french = LibraryDocumentFactory(title="Plan stratégique 2025-2028", language="fr")

    form = publication_form(
        "Strategic Plan 2025-2028", "strategic-plan-2025-2028", series, [english, french]
    )
    response = editor.post("/admin/snippets/documents/publication/add/", form)

    assert response.status_code == 302, response.content.decode()[:2000]
    new = Publication.objects.get(slug="strategic-plan-2025-2028")
    assert sorted(new.files_by_language()) == ["en", "fr"]
    assert not new.live  # saved, not published: the permanent link has not moved
    old.refresh_from_db()
    assert old.is_current_version
    assert editor.get("/en/resources/strategic-plan/")["ETag"] != f'"{english.file_hash}"'

    response = editor.post(
        f"/admin/snippets/documents/publication/edit/{new.pk}/", {**form, "action-publish": "1"}
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    new.refresh_from_db()
    assert new.live
    old.refresh_from_db()
    assert not old.is_current_version
    editor.logout()
    assert editor.get("/en/resources/strategic-plan/")["ETag"] == f'"{english.file_hash}"'
    assert editor.get("/fr/resources/strategic-plan/")["ETag"] == f'"{french.file_hash}"'
    listing = editor.get("/en/resources/").content.decode()
    assert listing.index("Superseded", listing.index("Strategic Plan 2021-2024"))


def test_two_files_in_one_language_are_refused(editor, library):
    series = PublicationSeriesFactory()
    first = LibraryDocumentFactory(language="en")
    second = LibraryDocumentFactory(language="en")

    response = editor.post(
        "/admin/snippets/documents/publication/add/",
        publication_form("Twice English", "twice-english", series, [first, second]),
    )

    assert response.status_code == 200
    assert "Two files are in English" in response.content.decode()
    assert not Publication.objects.exists()


def test_library_admin_pages_answer(editor):
    for path in [
        "/admin/snippets/documents/publication/",
        "/admin/snippets/documents/publication/add/",
        "/admin/snippets/documents/publicationseries/",
        "/admin/snippets/documents/category/",
        "/admin/documents/",
        "/admin/documents/add/",
    ]:
        assert editor.get(path).status_code == 200, path


def test_every_library_field_has_help_text():
    from documents.models import (
        Category,
        DocumentLibraryPage,
        PublicationFile,
        PublicationSeries,
    )

    for model, names in [
        (
            Publication,
            [
                "title",
                "slug",
                "summary",
                "category",
                "publication_date",
                "series",
                "version_label",
                "is_current_version",
            ],
        ),
        (PublicationSeries, ["key", "title"]),
        (Category, ["name", "slug"]),
        (PublicationFile, ["document"]),
        (LibraryDocument, ["language", "page_count", "extracted_text"]),
        (DocumentLibraryPage, ["intro", "per_page"]),
    ]:
        for name in names:
            assert model._meta.get_field(name).help_text, f"{model.__name__}.{name}"


def test_documents_chosen_anywhere_link_to_the_library_serve_view(editor):
    from django.urls import resolve

    document = LibraryDocumentFactory(title="Chosen on a page")

    assert resolve(document.url).func.__module__ == "documents.views"
    assert editor.get("/admin/documents/chooser/").status_code == 200
    assert editor.get(f"/admin/documents/edit/{document.pk}/").status_code == 200


def test_chooser_upload_form_asks_for_the_files_language(editor):
    html = editor.get("/admin/documents/chooser/").json()["html"]

    assert 'name="document-chooser-upload-language"' in html
    assert "The language the text of this file is written in." in html
