"""An uploaded document is public only once something live uses it: a publication, or a
live page anyone may read (rich text links, document blocks, the About and Governance
document fields, translations). Until then its address answers 404 to visitors, as if
it did not exist, while editors can still open it."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale, PageViewRestriction

from documents.queries import is_public_document
from tests.factories import (
    DocumentLibraryPageFactory,
    LibraryDocumentFactory,
    PublicationFactory,
    PublicationSeriesFactory,
    StandardPageFactory,
)
from tests.second_factor import StaffClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def upload(home):
    """A document an editor has just uploaded: nothing uses it yet."""
    return LibraryDocumentFactory(title="Half-finished report")


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def served_to(client, document):
    response = client.get(document.url)
    if response.status_code == 200:
        assert body_of(response).startswith(b"%PDF")
    else:
        assert b"%PDF" not in body_of(response)
    return response.status_code


def link_in_rich_text(document):
    return [("text", f'<p>Read <a linktype="document" id="{document.pk}">the report</a>.</p>')]


def user_in(django_user_model, group_name=None):
    user = django_user_model.objects.create_user(group_name or "member", password="pw")
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    client = StaffClient()
    client.force_login(user)
    return client


def test_an_upload_nothing_uses_is_not_found_by_visitors(client, upload):
    response = client.get(upload.url)
    ranged = client.get(upload.url, headers={"Range": "bytes=0-9"})
    head = client.head(upload.url)

    assert (response.status_code, ranged.status_code, head.status_code) == (404, 404, 404)
    assert b"%PDF" not in response.content
    assert not is_public_document(upload)


def test_an_editor_opens_an_upload_nothing_uses_yet_uncached(django_user_model, upload):
    editor = user_in(django_user_model, "Editors")
    translator = user_in(django_user_model, "Translators")  # they choose documents too

    response = editor.get(upload.url)

    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-cache"  # never kept by a shared cache
    assert body_of(response).startswith(b"%PDF")
    assert served_to(translator, upload) == 200


def test_a_signed_in_user_without_document_permissions_gets_404(django_user_model, upload):
    assert served_to(user_in(django_user_model), upload) == 404


def test_a_document_listed_in_a_publication_is_public(client, upload):
    assert served_to(client, upload) == 404  # control: private before

    PublicationFactory(title="Annual report", documents=[upload])

    response = client.get(upload.url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=3600"


def test_a_document_linked_from_a_live_pages_rich_text_is_public(client, home, upload):
    StandardPageFactory(parent=home, title="News", body=link_in_rich_text(upload))

    assert upload.url in client.get("/en/news/").content.decode()
    assert served_to(client, upload) == 200


def test_a_document_block_on_a_live_page_makes_it_public(client, home, upload):
    block = [("document", {"document": upload, "label": "The report"})]
    StandardPageFactory(parent=home, title="News", body=block)

    assert served_to(client, upload) == 200


def test_a_document_chosen_on_the_governance_page_is_public(client, about_tree, upload):
    governance = about_tree["governance"]
    assert served_to(client, upload) == 404

    governance.articles_of_association = upload
    governance.save_revision().publish()

    assert upload.url in client.get("/en/about/governance/").content.decode()
    assert served_to(client, upload) == 200


def test_a_translated_page_pointing_at_its_own_document_makes_it_public(client, about_tree, upload):
    french = about_tree["about"].copy_for_translation(
        Locale.objects.get_or_create(language_code="fr")[0], copy_parents=True
    )
    french.strategic_plan = upload  # what a translator's override publishes
    french.save_revision()
    assert served_to(client, upload) == 404  # a draft translation: not yet

    french.get_latest_revision().publish()

    assert served_to(client, upload) == 200


def test_a_draft_link_is_not_public_until_published_and_not_after_unpublishing(
    client, home, upload
):
    page = StandardPageFactory(parent=home, title="News", body=[])
    page.body = link_in_rich_text(upload)
    page.save_revision()  # a draft: visitors still see the page without the link

    assert served_to(client, upload) == 404

    page.get_latest_revision().publish()

    assert served_to(client, upload) == 200

    page.refresh_from_db()
    page.unpublish()

    assert served_to(client, upload) == 404


def test_a_link_from_a_restricted_page_does_not_make_it_public(client, home, upload):
    board = StandardPageFactory(parent=home, title="Board", body=[])
    StandardPageFactory(parent=board, title="Minutes", body=link_in_rich_text(upload))
    PageViewRestriction.objects.create(
        page=board, restriction_type=PageViewRestriction.PASSWORD, password="board"
    )

    assert served_to(client, upload) == 404  # restricted above the linking page

    PageViewRestriction.objects.all().delete()

    assert served_to(client, upload) == 200  # control


def test_a_deleted_page_takes_its_links_publicity_with_it(client, home, upload):
    page = StandardPageFactory(parent=home, title="News", body=link_in_rich_text(upload))
    assert served_to(client, upload) == 200

    page.delete()

    assert served_to(client, upload) == 404


def test_permanent_links_serve_the_current_publications_file(client, home):
    DocumentLibraryPageFactory(parent=home)
    series = PublicationSeriesFactory(key="strategic-plan")
    plan = PublicationFactory(title="Plan", series=series, is_current_version=True)

    response = client.get("/en/resources/strategic-plan/")

    assert response.status_code == 200
    assert response["ETag"] == f'"{plan.files.get().document.file_hash}"'
