"""wagtail-localize's "Sync translated …" screen publishes ("Publish immediately") only for
who may publish every translation; without the box it updates them as upstream does."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail_localize.models import TranslationSource
from wagtail_localize.operations import TranslationCreator

from documents.editions import OnlineEdition
from pages.models import AboutPage
from tests.documents.test_moderation import EDITIONS, edition_form
from tests.factories import DocumentLibraryPageFactory, PublicationFactory
from tests.second_factor import StaffClient

pytestmark = pytest.mark.django_db

REFUSED = "You may not publish all of these translations."


def staff(django_user_model, group, username):
    user = django_user_model.objects.create_user(username, f"{username}@inpud.example", "pw")
    user.groups.add(Group.objects.get(name=group))
    client = StaffClient()
    client.force_login(user)
    return client


@pytest.fixture
def sync(django_capture_on_commit_callbacks):
    """Post the screen as its user would; what it publishes on commit is published."""

    def post(client, instance, publish):
        source = TranslationSource.objects.get(object_id=instance.translation_key)
        data = {"publish_translations": "on"} if publish else {}
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"/admin/localize/update/{source.pk}/", data)

    return post


@pytest.fixture
def french_draft_edition(home, locales, django_user_model, admin_user):
    """An editor's English online edition, a draft never approved, sent for translation
    into French (a French library exists, so its French address is its own)."""
    library = DocumentLibraryPageFactory(parent=home)
    TranslationCreator(admin_user, [locales["fr"]]).create_translations(library)
    publication = PublicationFactory(title="Plan", languages=("en", "fr"))
    editor = staff(django_user_model, "Editors", "editor")
    response = editor.post(EDITIONS + "add/", edition_form(publication, "Unapproved wombat."))
    assert response.status_code == 302, response.content.decode()[:2000]
    english = OnlineEdition.objects.get(publication=publication)
    assert not english.live
    TranslationCreator(admin_user, [locales["fr"]]).create_translations(english)
    return english


def french_edition_shown(edition):
    path = f"/fr/resources/publications/{edition.publication.slug}/read/"
    return "Unapproved wombat" in Client().get(path).content.decode()


@pytest.mark.parametrize("group", ["Editors", "Translators (French)", "Translators"])
def test_publish_immediately_never_puts_an_unapproved_edition_live(
    django_user_model, french_draft_edition, group, sync
):
    client = staff(django_user_model, group, "someone")

    response = sync(client, french_draft_edition, publish=True)

    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    french = OnlineEdition.objects.exclude(pk=french_draft_edition.pk).get()
    assert not french.live
    assert not french_edition_shown(french_draft_edition)
    # Without the box, the translation is updated as a draft.
    assert sync(client, french_draft_edition, publish=False).status_code == 302
    assert not OnlineEdition.objects.get(pk=french.pk).live


def test_a_moderator_may_publish_the_translations_at_once(
    django_user_model, french_draft_edition, sync
):
    moderator = staff(django_user_model, "Moderators", "moderator")

    response = sync(moderator, french_draft_edition, publish=True)

    assert response.status_code == 302
    assert OnlineEdition.objects.exclude(pk=french_draft_edition.pk).get().live
    assert french_edition_shown(french_draft_edition)


def test_pages_publish_at_once_only_for_who_may_publish_the_translation(
    django_user_model, about_tree, locales, admin_user, sync
):
    about = about_tree["about"]
    TranslationCreator(admin_user, [locales["fr"]]).create_translations(about)
    french = AboutPage.objects.get(locale=locales["fr"])
    french.unpublish()
    editor = staff(django_user_model, "Editors", "editor")

    assert REFUSED in sync(editor, about, publish=True).content.decode()
    french.refresh_from_db()
    assert not french.live
    # A French translator may publish French pages (pages/groups.py), as in the editor.
    translator = staff(django_user_model, "Translators (French)", "traductrice")
    assert sync(translator, about, publish=True).status_code == 302
    french.refresh_from_db()
    assert french.live


@pytest.mark.parametrize(
    ("value", "publishes"), [("on", True), ("<script>x</script>", True), ("false", False)]
)
def test_the_screen_reads_any_value_of_the_box_as_a_tick_or_not(
    django_user_model, french_draft_edition, sync, value, publishes
):
    editor = staff(django_user_model, "Editors", "second-editor")
    source = TranslationSource.objects.get(object_id=french_draft_edition.translation_key)

    response = editor.post(f"/admin/localize/update/{source.pk}/", {"publish_translations": value})

    # A tick is refused with the message; no tick updates the drafts. Never live.
    assert response.status_code == (200 if publishes else 302)
    assert (REFUSED in response.content.decode()) is publishes
    assert not OnlineEdition.objects.exclude(pk=french_draft_edition.pk).get().live


def test_an_unknown_source_or_a_foreign_next_address_gets_no_further(
    django_user_model, french_draft_edition
):
    moderator = staff(django_user_model, "Moderators", "moderator")
    source = TranslationSource.objects.get(object_id=french_draft_edition.translation_key)

    assert moderator.post("/admin/localize/update/999999/", {}).status_code == 404
    response = moderator.post(
        f"/admin/localize/update/{source.pk}/", {"next": "https://attacker.example/"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/")  # a positive control: it did sync
