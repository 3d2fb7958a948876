import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.search.backends import get_search_backend

from documents.models import LibraryDocument, Publication
from documents.pdf_cleaning import clean_pdf
from documents.queries import current_version, read_listed
from tests.factories import (
    LibraryDocumentFactory,
    PublicationFactory,
    PublicationSeriesFactory,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db


def test_upload_computes_size_hash_and_page_count():
    document = LibraryDocumentFactory(title="Harm reduction guide", pages=3)

    assert document.file_size == len(clean_pdf(pdf_bytes("Harm reduction guide", 3)))
    assert len(document.file_hash) == 40
    assert document.page_count == 3
    assert "Harm reduction guide" in document.extracted_text


def test_an_unreadable_pdf_saved_in_code_is_refused_and_not_stored(media_root):
    with pytest.raises(ValidationError, match="could not be read"):
        LibraryDocumentFactory(content=b"%PDF-1.4\nnot really a pdf\n%%EOF")

    assert not LibraryDocument.objects.exists()
    assert not list(media_root.rglob("*.pdf"))


def test_french_visitor_gets_the_french_file():
    publication = PublicationFactory(languages=["en", "fr"])

    chosen, is_fallback = publication.file_for("fr")

    assert chosen.document.language == "fr"
    assert is_fallback is False


def test_missing_language_falls_back_to_english_and_says_so():
    publication = PublicationFactory(languages=["fr", "en"])

    chosen, is_fallback = publication.file_for("ru")

    assert chosen.document.language == "en"
    assert is_fallback is True


def test_without_english_any_file_is_offered_as_fallback():
    publication = PublicationFactory(languages=["es"])

    chosen, is_fallback = publication.file_for("ru")

    assert chosen.document.language == "es"
    assert is_fallback is True


def test_ticking_a_new_current_version_supersedes_the_old_one():
    series = PublicationSeriesFactory(key="strategic-plan")
    old = PublicationFactory(
        title="Plan 2021-2024",
        series=series,
        is_current_version=True,
        publication_date=datetime.date(2021, 1, 1),
    )
    new = PublicationFactory(
        title="Plan 2025-2028",
        series=series,
        is_current_version=True,
        publication_date=datetime.date(2025, 1, 1),
    )

    old.refresh_from_db()
    assert old.is_current_version is False
    assert current_version(series) == new
    listed = read_listed(Publication.objects.all())
    assert {item.publication: item.is_current for item in listed} == {new: True, old: False}


def test_without_a_ticked_version_the_newest_is_current():
    series = PublicationSeriesFactory()
    old = PublicationFactory(title="Old", series=series, publication_date=datetime.date(2020, 1, 1))
    newest = PublicationFactory(
        title="New", series=series, publication_date=datetime.date(2023, 1, 1)
    )

    assert current_version(series) == newest
    listed = read_listed(Publication.objects.all())
    assert {item.publication: item.is_current for item in listed} == {newest: True, old: False}


def test_search_finds_a_publication_by_words_inside_its_pdf():
    document = LibraryDocumentFactory(
        title="Plain title", content=pdf_bytes("naloxone saves lives")
    )
    publication = PublicationFactory(title="Something else", languages=[])
    publication.files.create(document=document)
    publication.save_and_publish()  # publishing indexes the text of its files

    found = list(get_search_backend().search("naloxone", Publication))
    assert found == [publication]
