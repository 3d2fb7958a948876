"""Online editions: the seeded Strategic Plan's, its weight against its PDF, its address in
each language with honest fallback, the "Read online (N KB)" link, drafts from a PDF."""

import gzip
import io
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.template.defaultfilters import filesizeformat
from django.utils import translation
from fpdf import FPDF
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from documents.edition_drafts import DraftFailed, draft_body_from_pdf
from documents.editions import (
    MAX_COMPRESSED_BYTES,
    EditionExists,
    OnlineEdition,
    compressed_size,
    draft_from_pdf,
)
from documents.models import Publication
from tests.factories import LibraryDocumentFactory, PublicationFactory, members_only_collection

pytestmark = pytest.mark.django_db

SLUG = "inpud-strategic-plan-2021-2024"
READ = f"/en/resources/publications/{SLUG}/read/"
DETAIL = f"/en/resources/publications/{SLUG}/"


@pytest.fixture
def seeded(db):
    call_command("load_site_content", stdout=io.StringIO())
    return OnlineEdition.objects.get(publication__slug=SLUG)


def first_visit_bytes(client, path):
    """What a first visit to `path` downloads, compressed as the site sends it: the page
    and its style sheets (the page budget's furniture; the page loads nothing else)."""
    response = client.get(path, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content).decode()
    sheets = re.findall(r'<link rel="stylesheet" href="/static/([^"]+)"', html)
    assert sheets == ["css/library.css", "css/site.css"]
    css = sum(compressed_size(open(finders.find(s)).read()) for s in sheets)  # noqa: SIM115
    return len(response.content) + css, html


def test_the_seeded_strategic_plan_has_an_online_edition_within_the_budgets(client, seeded):
    pdf_bytes = seeded.publication.files.get().document.file_size

    weight, html = first_visit_bytes(client, READ)

    assert seeded.live
    # Made from the PDF: its bookmarks are the headings, its table a table.
    assert "<h2>Who we are</h2>" in html and "<h3>Priority one</h3>" in html
    assert '<th scope="col">Indicator</th>' in html
    assert weight <= pdf_bytes / 10
    assert weight <= MAX_COMPRESSED_BYTES
    # Positive control: the measure sees the text (a longer edition weighs more).
    seeded.body.append(("paragraph", "<p>" + "Many more words, each one different. " * 400))
    seeded.save_revision().publish()
    assert first_visit_bytes(client, READ)[0] > weight


def test_the_publication_page_links_the_edition_with_its_real_size(client, seeded):
    html = client.get(DETAIL).content.decode()

    size = compressed_size(seeded.rendered_body())
    assert seeded.text_size == size
    assert f'<a href="{READ}" hreflang="en">Read online ({filesizeformat(size)})</a>' in html
    # A publication without an edition has no such link, and its address is not found.
    other = "/en/resources/publications/inpud-articles-of-association/"
    assert client.get(other).status_code == 200
    assert "Read online" not in client.get(other).content.decode()
    assert client.get(other + "read/").status_code == 404


def test_a_draft_edition_is_not_shown_until_it_is_published(client, seeded):
    seeded.unpublish()

    assert client.get(READ).status_code == 404
    assert "Read online" not in client.get(DETAIL).content.decode()

    seeded.save_revision().publish()
    assert client.get(READ).status_code == 200


def test_an_edition_of_a_publication_whose_files_are_all_members_only_is_not_found(client, seeded):
    members = members_only_collection()
    assert client.get(READ).status_code == 200
    document = seeded.publication.files.get().document
    document.collection = members
    document.save()  # as an editor moves it in the admin

    assert client.get(READ).status_code == 404


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES if code != "en"])
def test_untranslated_the_english_edition_answers_in_each_language_marked_english(
    client, seeded, language
):
    html = client.get(f"/{language}/resources/publications/{SLUG}/read/").content.decode()

    assert f'<html lang="{language}"' in html
    assert '<main id="main" tabindex="-1" lang="en">' in html
    assert f'<link rel="canonical" href="http://testserver{READ}">' in html
    assert f'hreflang="{language}" href=' not in html  # no alternate that does not exist
    assert "<h2>Who we are</h2>" in html


def test_a_published_french_translation_is_shown_under_fr_with_its_table_translated(
    client, seeded, admin_user, django_capture_on_commit_callbacks
):
    french = Locale.objects.get(language_code="fr")
    TranslationCreator(admin_user, [french]).create_translations(seeded)
    translation_ = Translation.objects.get(
        source__object_id=seeded.translation_key, target_locale=french
    )
    words = {
        "Who we are": "Qui nous sommes",
        "Indicator": "Indicateur",
        "Every year": "Chaque année",
    }
    for segment in StringSegment.objects.filter(source=translation_.source):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=french,
            context=segment.context,
            defaults={"data": words.get(segment.string.data, segment.string.data + " (fr)")},
        )
    path = f"/fr/resources/publications/{SLUG}/read/"
    before = client.get(path).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        translation_.save_target(user=admin_user, publish=True)

    html = client.get(path).content.decode()
    assert '<main id="main" tabindex="-1">' in html  # French text: no lang="en"
    assert f'<link rel="canonical" href="http://testserver{path}">' in html
    assert f'hreflang="fr" href="http://testserver{path}"' in html
    assert "<h2>Qui nous sommes</h2>" in html
    assert '<th scope="col">Indicateur</th>' in html and "<td>Chaque année</td>" in html
    # Before it was published, the same address showed the English edition.
    assert "<h2>Who we are</h2>" in before and 'lang="en"' in before
    # The English address still shows the English edition.
    assert "<h2>Who we are</h2>" in client.get(READ).content.decode()
    with translation.override("fr"):
        detail = client.get(f"/fr/resources/publications/{SLUG}/").content.decode()
    assert f'href="{path}" hreflang="fr">Lire en ligne' in detail


def pdf_with_outline():
    pdf = FPDF()
    pdf.add_page()
    for level, heading in [(0, "Introduction"), (1, "Our history"), (0, "Recommendations")]:
        pdf.start_section(heading, level=level)
        pdf.set_font("Helvetica", "", 11)  # set as body text: only the outline marks it
        pdf.multi_cell(0, 6, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.multi_cell(0, 6, f"Text under {heading}.", new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 6, "- a first point", new_x="LMARGIN", new_y="NEXT")
        pdf.multi_cell(0, 6, "- a second point", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    return bytes(pdf.output())


def headings(body):
    return [(b["value"]["level"], b["value"]["text"]) for b in body if b["type"] == "heading"]


def test_a_draft_from_a_pdf_with_an_outline_has_its_headings_at_their_levels():
    body = draft_body_from_pdf(pdf_with_outline())

    assert headings(body) == [
        ("h2", "Introduction"),
        ("h3", "Our history"),
        ("h2", "Recommendations"),
    ]
    assert {"type": "paragraph", "value": "<p>Text under Our history.</p>"} in body
    lists = [b["value"] for b in body if b["type"] == "list"]
    assert lists[0] == {"numbered": False, "items": ["a first point", "a second point"]}


def test_without_an_outline_larger_type_makes_the_headings():
    pdf = FPDF()
    pdf.add_page()
    for size, text in [(18, "A big heading"), (11, "Body text."), (14, "A smaller heading")]:
        pdf.set_font("Helvetica", "", size)
        pdf.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        pdf.multi_cell(0, 8, "More body text.", new_x="LMARGIN", new_y="NEXT")

    body = draft_body_from_pdf(bytes(pdf.output()))

    assert headings(body) == [("h2", "A big heading"), ("h3", "A smaller heading")]


def test_a_pdf_without_text_gives_no_draft():
    pdf = FPDF()
    pdf.add_page()
    with pytest.raises(DraftFailed):
        draft_body_from_pdf(bytes(pdf.output()))


def test_the_admin_makes_a_draft_from_the_pdf_and_never_overwrites_one(admin_client, home):
    document = LibraryDocumentFactory(title="Report", content=pdf_with_outline())
    publication = PublicationFactory(title="A report", documents=[document])
    url = f"/admin/library/online-edition-draft/{publication.pk}/"
    listing = admin_client.get("/admin/snippets/documents/publication/").content.decode()
    assert url in listing
    assert admin_client.get(url).status_code == 200  # the confirmation

    response = admin_client.post(url)

    edition = OnlineEdition.objects.get(publication=publication)
    assert response.status_code == 302 and str(edition.pk) in response["Location"]
    assert not edition.live and edition.revisions.count() == 1
    assert headings(edition.body.raw_data)[0] == ("h2", "Introduction")
    # The listing no longer offers a draft of it (it would open the one there is).
    assert url not in admin_client.get("/admin/snippets/documents/publication/").content.decode()
    edition.body = [("paragraph", "<p>An editor's own words.</p>")]
    edition.save()
    admin_client.post(url)
    assert OnlineEdition.objects.get(publication=publication).body.raw_data[0]["value"] == (
        "<p>An editor's own words.</p>"
    )
    with pytest.raises(EditionExists):
        draft_from_pdf(Publication.objects.get(pk=publication.pk))


def test_an_edition_in_another_language_still_leaves_the_english_draft_offered(admin_client, home):
    document = LibraryDocumentFactory(title="Report", content=pdf_with_outline())
    publication = PublicationFactory(title="A report", documents=[document])
    french, _ = Locale.objects.get_or_create(language_code="fr")
    OnlineEdition.objects.create(
        publication=publication, locale=french, title="Un rapport", live=False
    )
    url = f"/admin/library/online-edition-draft/{publication.pk}/"

    def listing():
        return admin_client.get("/admin/snippets/documents/publication/").content.decode()

    assert url in listing()
    admin_client.post(url)
    assert publication.online_editions.filter(locale__language_code="en").exists()
    assert url not in listing()  # once the English edition exists


def test_an_edition_too_long_to_read_online_is_refused(seeded):
    seeded.full_clean()  # positive control: the seeded edition is accepted
    words = " ".join(f"word{n}" for n in range(40_000))
    seeded.body.append(("paragraph", f"<p>{words}</p>"))

    with pytest.raises(ValidationError, match="too long to read online"):
        seeded.full_clean()


def test_a_draft_is_never_made_from_a_members_only_pdf(home):
    members = members_only_collection()
    secret = LibraryDocumentFactory(title="Secret members text", language="en")
    public = LibraryDocumentFactory(title="Texte public", language="fr")
    publication = PublicationFactory(title="Mixed", documents=[secret, public])
    # Positive control: while both are public, the draft reads the English PDF.
    english = draft_from_pdf(publication)
    assert english.locale.language_code == "en" and "Secret members text" in str(english.body)
    english.delete()
    secret.collection = members
    secret.save()

    french = draft_from_pdf(Publication.objects.get(pk=publication.pk))

    assert french.locale.language_code == "fr" and "Texte public" in str(french.body)
    assert "Secret" not in str(french.body)
    french.delete()
    public.collection = members
    public.save()
    with pytest.raises(DraftFailed):
        draft_from_pdf(Publication.objects.get(pk=publication.pk))
