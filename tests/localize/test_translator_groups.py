"""Each language's translators publish in their language's tree only; the Translators
group works in every language; nobody in them touches English (pages/groups.py)."""

import pytest
from django.contrib.auth.models import Group

from pages.groups import translators_group_name
from tests.pages.test_editorial_groups import aims_form

pytestmark = pytest.mark.django_db


def member_of(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, f"{username}@inpud.example", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def translated_aims(about_tree, locales):
    """Drafts of Aims in French and Spanish (each tree's home made as wagtail-localize
    makes it, which is when its translators get their rights)."""
    aims = about_tree["aims"]
    return {
        code: aims.copy_for_translation(locales[code], copy_parents=True) for code in ("fr", "es")
    }


def test_there_is_a_group_per_translated_language_and_one_for_all():
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Translators", "Translators (French)", "Translators (Spanish)"} <= names
    assert "Translators (Russian)" in names
    assert translators_group_name("fr") == "Translators (French)"


def test_a_french_translator_publishes_french_pages_and_not_spanish_ones(
    django_user_model, translated_aims
):
    french = member_of(django_user_model, "Translators (French)", "traductrice")

    assert translated_aims["fr"].permissions_for_user(french).can_publish()
    assert not translated_aims["es"].permissions_for_user(french).can_publish()
    assert not translated_aims["es"].permissions_for_user(french).can_edit()


def test_a_french_translator_cannot_publish_a_spanish_page_through_the_admin(
    client, django_user_model, translated_aims, django_capture_on_commit_callbacks
):
    client.force_login(member_of(django_user_model, "Translators (French)", "traductrice"))
    spanish, french = translated_aims["es"], translated_aims["fr"]

    assert client.get(f"/admin/pages/{spanish.pk}/edit/").status_code in (302, 403)
    assert client.get(f"/admin/pages/{french.pk}/edit/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/pages/{spanish.pk}/edit/", aims_form("Uno.", action="action-publish"))
        client.post(f"/admin/pages/{french.pk}/edit/", aims_form("Un.", action="action-publish"))

    spanish.refresh_from_db()
    french.refresh_from_db()
    assert not spanish.live
    assert french.live


def test_translators_of_every_language_publish_in_each_and_never_in_english(
    django_user_model, translated_aims, about_tree
):
    anyone = member_of(django_user_model, "Translators", "traductora")

    assert translated_aims["fr"].permissions_for_user(anyone).can_publish()
    assert translated_aims["es"].permissions_for_user(anyone).can_publish()
    assert not about_tree["aims"].permissions_for_user(anyone).can_edit()


def test_translators_may_edit_translatable_snippets_but_not_add_or_delete_them(
    django_user_model,
):
    french = member_of(django_user_model, "Translators (French)", "traductrice")

    for model in ("pages.change_footer", "pages.change_person", "documents.change_category"):
        assert french.has_perm(model)
    for model in ("pages.add_footer", "pages.delete_person", "documents.add_category"):
        assert not french.has_perm(model)
    assert not french.has_perm("documents.change_publication")
