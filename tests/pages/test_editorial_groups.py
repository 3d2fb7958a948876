"""Editors, Moderators and Translators can do what their work needs, and no more: tested
through the admin as each of them would use it."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Locale, WorkflowPage
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.models import AimsPage

pytestmark = pytest.mark.django_db


def member_of(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username, f"{username}@inpud.example", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(django_user_model):
    return member_of(django_user_model, "Editors", "editor")


@pytest.fixture
def moderator(django_user_model):
    return member_of(django_user_model, "Moderators", "moderator")


def aims_form(*aims, action):
    return nested_form_data(
        {
            "title": "Our aims",
            "slug": "aims",
            "intro": rich_text(""),
            "aims": streamfield([("aim", rich_text(f"<p>{aim}</p>")) for aim in aims]),
            action: "on",
        }
    )


def test_the_whole_site_is_moderated_by_the_moderators():
    workflow_page = WorkflowPage.objects.get(page__depth=1)
    assert workflow_page.workflow.active
    [task] = [task.specific for task in workflow_page.workflow.tasks]
    assert [group.name for group in task.groups.all()] == ["Moderators"]


def test_editors_and_moderators_have_exactly_their_rights(editor, moderator):
    assert editor.has_perms(
        [
            "wagtailadmin.access_admin",
            "documents.add_document",
            "documents.change_document",
            "documents.choose_document",
            "wagtailimages.add_image",
            "wagtailimages.change_image",
            "wagtailimages.choose_image",
            "pages.change_person",
            "pages.change_footer",
            "documents.add_publication",
            "documents.change_publication",
            "documents.lock_publication",
            "documents.view_publicationseries",
            "documents.view_category",
        ]
    )
    assert not editor.has_perm("documents.delete_document")
    # Publications are moderated; series and categories show at once: moderators' work.
    for codename in ["publish_publication", "add_publicationseries", "change_category"]:
        assert not editor.has_perm(f"documents.{codename}")
    assert not editor.has_perm("wagtailredirects.add_redirect")
    assert moderator.has_perms(
        [
            "documents.delete_document",
            "documents.publish_publication",
            "documents.add_publicationseries",
            "documents.change_category",
            "wagtailredirects.add_redirect",
            "wagtailredirects.delete_redirect",
        ]
    )


def test_an_editor_cannot_publish_the_page_waits_for_a_moderator(
    client, editor, moderator, about_tree
):
    aims = about_tree["aims"]
    client.force_login(editor)

    # Asking to publish does not publish: an Editor has no publish right.
    client.post(f"/admin/pages/{aims.pk}/edit/", aims_form("Published?", action="action-publish"))
    assert "Published?" not in client.get("/en/about/aims/").content.decode()

    response = client.post(
        f"/admin/pages/{aims.pk}/edit/",
        aims_form("Changed aim.", "Eighth aim.", action="action-submit"),
    )
    assert response.status_code == 302
    aims.refresh_from_db()
    assert aims.workflow_in_progress
    assert "Changed aim." not in client.get("/en/about/aims/").content.decode()
    # The editor cannot approve their own submission.
    task_state = aims.current_workflow_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{aims.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    aims.refresh_from_db()
    assert aims.workflow_in_progress

    client.force_login(moderator)
    response = client.post(
        f"/admin/pages/workflow/action/{aims.pk}/approve/{task_state.pk}/", {"comment": "Good"}
    )
    assert response.status_code in (200, 302)
    aims.refresh_from_db()
    assert not aims.workflow_in_progress
    html = client.get("/en/about/aims/").content.decode()
    assert html.index("Changed aim.") < html.index("Eighth aim.")
    assert len(AimsPage.objects.get(pk=aims.pk).aims) == 2


def test_a_translator_cannot_edit_english_content(client, about_tree, django_user_model):
    for code in ["fr", "es", "ru"]:
        Locale.objects.get_or_create(language_code=code)
    translator = member_of(django_user_model, "Translators", "traductrice")
    client.force_login(translator)
    aims = about_tree["aims"]

    assert client.get(f"/admin/pages/{aims.pk}/edit/").status_code in (302, 403)
    client.post(f"/admin/pages/{aims.pk}/edit/", aims_form("Hijacked.", action="action-publish"))

    assert "Hijacked." not in client.get("/en/about/aims/").content.decode()
    assert not AimsPage.objects.get(pk=aims.pk).has_unpublished_changes


def test_publish_scheduled_publishes_a_page_whose_time_has_come(about_tree):
    aims = about_tree["aims"]
    aims.title = "Scheduled aims"
    aims.go_live_at = timezone.now() - timezone.timedelta(minutes=1)
    revision = aims.save_revision(approved_go_live_at=aims.go_live_at)
    assert AimsPage.objects.get(pk=aims.pk).title != "Scheduled aims"
    assert revision.approved_go_live_at is not None

    call_command("publish_scheduled")

    assert AimsPage.objects.get(pk=aims.pk).title == "Scheduled aims"
