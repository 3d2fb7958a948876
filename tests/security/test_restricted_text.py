"""Members-only text never reaches the public: the words of a file in a restricted
collection (or below one) are not found by anonymous searches and not shown anywhere,
while an editor in the admin still finds the publication by them. The index follows
files and restrictions as they move."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.test.utils.form_data import querydict_from_html

from tests.factories import (
    DocumentLibraryPageFactory,
    LibraryDocumentFactory,
    PublicationFactory,
    StandardPageFactory,
    pdf_bytes,
)
from tests.second_factor import StaffClient

pytestmark = pytest.mark.django_db

SECRET = "zanzibarquokka"  # only in the members-only file
UNSEARCHED = "narwhalminutes"  # members-only too, never searched for: must show nowhere
RESTRICTED_TITLE = "Closed meeting minutes"
PUBLIC = "okapiharbour"  # only in a public file: the positive control


def content_of(response):
    assert response.status_code == 200
    return response.content.decode()


def library_search(client, word):
    return content_of(client.get("/en/resources/", {"q": word}))


def site_search(client, word):
    return content_of(client.get("/en/search/", {"q": word}))


def editor_search(editor, word):
    return content_of(editor.get("/admin/snippets/documents/publication/", {"q": word}))


def finds(html, publication):
    return f"/resources/publications/{publication.slug}/" in html


def admin_finds(html, publication):
    return f"/admin/snippets/documents/publication/edit/{publication.pk}/" in html


@pytest.fixture
def board():
    """A login-restricted collection with a collection below it."""
    board = Collection.get_first_root_node().add_child(name="Board only")
    CollectionViewRestriction.objects.create(
        collection=board, restriction_type=CollectionViewRestriction.LOGIN
    )
    return board


@pytest.fixture
def library(home):
    return DocumentLibraryPageFactory(parent=home)


@pytest.fixture
def report(library, board):
    """A public English report whose French file is members-only."""
    english = LibraryDocumentFactory(
        title="Annual report", content=pdf_bytes(f"Annual report {PUBLIC}")
    )
    restricted = LibraryDocumentFactory(
        title=RESTRICTED_TITLE,
        language="fr",
        collection=board.add_child(name="2024"),  # below the restricted one
        content=pdf_bytes(f"Minutes {SECRET} {UNSEARCHED}"),
    )
    publication = PublicationFactory(
        title="Annual report 2024", slug="annual-report-2024", documents=[english, restricted]
    )
    publication.restricted_document = restricted
    return publication


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@inpud.example", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client = StaffClient()
    client.force_login(user)
    return client


@pytest.fixture
def superuser(django_user_model):
    client = StaffClient()
    client.force_login(django_user_model.objects.create_superuser("admin", "a@inpud.example", "pw"))
    return client


def test_a_word_only_in_a_restricted_file_finds_nothing_anonymously(client, report, home):
    StandardPageFactory(parent=home, title="Harbour news", intro=f"<p>{PUBLIC} news</p>")

    assert not finds(library_search(client, SECRET), report)
    assert "Annual report 2024" not in site_search(client, SECRET)
    # Controls: the public file's word finds the publication; the site search works.
    assert finds(library_search(client, PUBLIC), report)
    assert "Harbour news" in site_search(client, PUBLIC)


def test_the_site_search_finds_publications_by_public_words_only(client, report):
    """The header search finds publications too, through the same public index."""
    assert not finds(site_search(client, SECRET), report)
    assert not finds(content_of(client.get("/fr/search/", {"q": SECRET})), report)
    assert not finds(site_search(client, RESTRICTED_TITLE), report)
    # Controls: a public file's word and the publication's title find it, in both languages.
    assert finds(site_search(client, PUBLIC), report)
    assert finds(content_of(client.get("/fr/search/", {"q": PUBLIC})), report)
    assert finds(site_search(client, "Annual"), report)


def test_the_site_search_never_offers_a_restricted_file_as_the_visitors_file(client, report):
    """A French visitor whose language's file is members-only is told of the English one."""
    french = content_of(client.get("/fr/search/", {"q": PUBLIC}))

    assert finds(french, report)
    assert "Publication · PDF" in french and "Anglais</p>" in french
    assert "Français</p>" not in french


def test_an_editor_finds_the_publication_by_a_word_only_in_its_restricted_file(editor, report):
    assert admin_finds(editor_search(editor, SECRET), report)
    assert admin_finds(editor_search(editor, PUBLIC), report)
    assert admin_finds(editor_search(editor, "Annual"), report)
    assert admin_finds(editor_search(editor, "Annu"), report)  # the start of a title word
    assert not admin_finds(editor_search(editor, "nowhereword"), report)  # control


def test_no_page_shows_the_restricted_files_title_or_text(client, report):
    pages = [
        client.get("/en/resources/"),
        client.get("/fr/resources/"),
        client.get("/en/resources/", {"q": SECRET}),
        client.get("/en/resources/", {"q": PUBLIC}),
        client.get("/en/resources/publications/annual-report-2024/"),
        client.get("/fr/resources/publications/annual-report-2024/"),
        client.get("/en/search/", {"q": SECRET}),
        client.get("/en/search/", {"q": PUBLIC}),
        client.get("/fr/search/", {"q": PUBLIC}),
        client.get("/en/search/", {"q": "Annual"}),
        client.get("/sitemap-en.xml"),
    ]

    for response in pages:
        html = content_of(response)
        assert UNSEARCHED not in html
        assert RESTRICTED_TITLE not in html
        assert report.restricted_document.url not in html
    assert "Annual report 2024" in content_of(pages[4])  # control: the page shows the rest
    assert "Annual report 2024" in content_of(pages[8])  # and the site search finds it


def edit_document(editor, document, **changes):
    """Save the document's admin form as an editor would, with `changes`."""
    address = f"/admin/documents/edit/{document.pk}/"
    form = querydict_from_html(content_of(editor.get(address)), form_id="w-editor-form")
    form.pop("file", None)  # keep the file
    form.update(changes)
    response = editor.post(address, form)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_moving_the_file_out_of_the_restricted_collection_makes_it_findable(client, editor, report):
    root = Collection.get_first_root_node()

    edit_document(editor, report.restricted_document, collection=str(root.pk))

    assert finds(library_search(client, SECRET), report)
    assert report.restricted_document.url in content_of(client.get("/en/resources/"))


def test_moving_a_public_file_into_a_restricted_collection_makes_it_unfindable(
    client, editor, report, board
):
    english = report.files.get(document__language="en").document
    assert finds(library_search(client, PUBLIC), report)  # control: found before the move

    assert finds(site_search(client, PUBLIC), report)

    edit_document(editor, english, collection=str(board.pk))

    assert not finds(library_search(client, PUBLIC), report)
    assert not finds(site_search(client, PUBLIC), report)
    assert not finds(site_search(client, "Annual"), report)  # no public file left to list
    assert "Annual report" not in content_of(client.get("/en/resources/"))


def set_privacy(superuser, collection, restriction_type):
    response = superuser.post(
        f"/admin/collections/{collection.pk}/privacy/", {"restriction_type": restriction_type}
    )
    assert response.status_code == 200
    assert response.json()["step"] == "set_privacy_done"


def test_removing_and_adding_the_restriction_updates_the_index(client, superuser, report, board):
    set_privacy(superuser, board, "none")

    assert not CollectionViewRestriction.objects.exists()
    assert finds(library_search(client, SECRET), report)

    set_privacy(superuser, board, "login")

    assert CollectionViewRestriction.objects.filter(collection=board).exists()
    assert not finds(library_search(client, SECRET), report)
    assert not finds(site_search(client, SECRET), report)
    assert finds(library_search(client, PUBLIC), report)  # control
    assert finds(site_search(client, PUBLIC), report)


def move_collection(superuser, collection, parent, django_capture_on_commit_callbacks):
    address = f"/admin/collections/{collection.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = superuser.post(address, {"name": collection.name, "parent": parent.pk})
    assert response.status_code == 302, response.content.decode()[:2000]


def test_moving_a_collection_out_of_or_under_a_restricted_one_updates_the_index(
    client, superuser, report, board, django_capture_on_commit_callbacks
):
    root = Collection.get_first_root_node()
    minutes = report.restricted_document.collection

    move_collection(superuser, minutes, root, django_capture_on_commit_callbacks)

    assert finds(library_search(client, SECRET), report)

    move_collection(superuser, minutes, board, django_capture_on_commit_callbacks)

    assert not finds(library_search(client, SECRET), report)


def test_a_deleted_file_leaves_the_index_with_its_words(client, superuser, library):
    kept = LibraryDocumentFactory(title="Kept file")
    deleted = LibraryDocumentFactory(title="Deleted file", content=pdf_bytes(PUBLIC))
    publication = PublicationFactory(title="Two files", documents=[kept, deleted])
    assert finds(library_search(client, PUBLIC), publication)  # control

    response = superuser.post(f"/admin/documents/delete/{deleted.pk}/")

    assert response.status_code == 302
    assert not finds(library_search(client, PUBLIC), publication)
    assert finds(library_search(client, "Two"), publication)


def test_visitors_see_a_change_of_privacy_at_once_despite_the_page_cache(
    client, superuser, report, board, django_capture_on_commit_callbacks
):
    english = report.files.get(document__language="en").document
    first = client.get("/en/resources/")
    again = client.get("/en/resources/")
    assert again["X-Page-Cache"] == "hit" and english.url in again.content.decode()
    assert first.content == again.content

    english.collection = board  # as in the admin (tested above), here in code
    english.save()

    assert "Annual report 2024" not in content_of(client.get("/en/resources/"))

    set_privacy(superuser, board, "none")

    assert english.url in content_of(client.get("/en/resources/"))

    elsewhere = Collection.get_first_root_node().add_child(name="Elsewhere")
    set_privacy(superuser, elsewhere, "login")
    client.get("/en/resources/")  # cached again
    move_collection(superuser, board, elsewhere, django_capture_on_commit_callbacks)

    assert "Annual report 2024" not in content_of(client.get("/en/resources/"))


def test_the_upgrade_takes_restricted_text_already_indexed_out_of_the_index(client, library):
    """Before this rule every file's text was indexed: migration documents/0005 indexes the
    publications that have a restricted file again."""
    migration = importlib.import_module("documents.migrations.0005_index_only_public_file_text")
    collection = Collection.get_first_root_node().add_child(name="Becomes restricted")
    minutes = LibraryDocumentFactory(
        title="Minutes", language="fr", collection=collection, content=pdf_bytes(SECRET)
    )
    publication = PublicationFactory(
        title="Old entry", documents=[LibraryDocumentFactory(title="Report"), minutes]
    )
    # bulk_create sends no signal: the index keeps the text, as an old database's did.
    CollectionViewRestriction.objects.bulk_create(
        [CollectionViewRestriction(collection=collection, restriction_type="login")]
    )
    assert finds(library_search(client, SECRET), publication)  # the old leak

    migration.reindex_publications_with_restricted_files(django_apps, None)

    assert not finds(library_search(client, SECRET), publication)
    assert finds(library_search(client, "Report"), publication)  # control
