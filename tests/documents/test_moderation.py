"""Publications are moderated like pages: an editor's publication is a draft, invisible to
visitors, until a moderator publishes it; every save is a revision that can be restored;
scheduled publishing works; publications made before moderation stayed live."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import timezone
from wagtail.models import Locale, Revision
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from documents.editions import OnlineEdition
from documents.models import Publication
from documents.queries import search_matches
from tests.documents.test_admin import publication_form
from tests.factories import LibraryDocumentFactory, PublicationFactory, PublicationSeriesFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/snippets/documents/publication/add/"


def edit_url(publication):
    return f"/admin/snippets/documents/publication/edit/{publication.pk}/"


def member(django_user_model, group, username):
    user = django_user_model.objects.create_user(username, f"{username}@inpud.example", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def old_plan(library):
    """The live Strategic Plan 2021-2024, current version of the strategic-plan series."""
    return PublicationFactory(
        title="Strategic Plan 2021-2024",
        series=PublicationSeriesFactory(key="strategic-plan"),
        is_current_version=True,
        publication_date=datetime.date(2021, 1, 1),
    )


@pytest.fixture
def new_plan_form(old_plan):
    document = LibraryDocumentFactory(title="Strategic Plan 2025-2028", language="en")
    form = publication_form(
        "Zanzibar Plan 2025-2028", "zanzibar-plan-2025-2028", old_plan.series, [document]
    )
    return form, document


def what_visitors_see(document):
    visitor = Client()
    listing = visitor.get("/en/resources/").content.decode()
    return {
        "listed": "Zanzibar Plan" in listing,
        "searched": "Zanzibar Plan" in visitor.get("/en/resources/?q=zanzibar").content.decode(),
        "search index": bool(list(Publication.objects.filter(pk__in=search_matches("zanzibar")))),
        "page": visitor.get("/en/resources/publications/zanzibar-plan-2025-2028/").status_code,
        "sitemap": "zanzibar-plan" in visitor.get("/sitemap-en.xml").content.decode(),
        "permalink": visitor.get("/en/resources/strategic-plan/").get("ETag"),
        "file": visitor.get(document.url).status_code,
    }


def test_an_editors_publication_is_invisible_until_a_moderator_publishes_it(
    client, django_user_model, old_plan, new_plan_form
):
    form, document = new_plan_form
    client.force_login(member(django_user_model, "Editors", "editor"))

    # Asking to publish does not publish: Editors have no publish right on publications.
    client.post(ADD, {**form, "action-publish": "1"})
    new = Publication.objects.get(slug="zanzibar-plan-2025-2028")
    assert not new.live
    response = client.post(edit_url(new), {**form, "action-submit": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    new.refresh_from_db()
    assert new.workflow_in_progress
    before = what_visitors_see(document)
    assert before == {
        "listed": False,
        "searched": False,
        "search index": False,
        "page": 404,
        "sitemap": False,
        "permalink": f'"{old_plan.files.first().document.file_hash}"',
        "file": 404,
    }
    old_plan.refresh_from_db()
    assert old_plan.is_current_version
    # The editor cannot approve their own submission either.
    task_state = new.current_workflow_task_state
    approve = {**form, "action-workflow-action": "1", "workflow-action-name": "approve"}
    client.post(edit_url(new), approve)
    new.refresh_from_db()
    assert not new.live and new.workflow_in_progress

    client.force_login(member(django_user_model, "Moderators", "moderator"))
    response = client.post(edit_url(new), approve, follow=True)

    assert "Publication &#x27;Zanzibar Plan 2025-2028&#x27; approved and published." in (
        response.content.decode()
    )
    new.refresh_from_db()
    assert new.live and not new.workflow_in_progress
    assert task_state.__class__.objects.get(pk=task_state.pk).status == "approved"
    assert what_visitors_see(document) == {
        "listed": True,
        "searched": True,
        "search index": True,
        "page": 200,
        "sitemap": True,
        "permalink": f'"{document.file_hash}"',
        "file": 200,
    }
    old_plan.refresh_from_db()
    assert not old_plan.is_current_version


def test_a_draft_of_a_live_publication_changes_nothing_visitors_see(admin_client, old_plan):
    old_file = old_plan.files.first().document
    form = publication_form("Strategic Plan 2021-2024", old_plan.slug, old_plan.series, [old_file])
    form["summary"] = "Quokka draft text."
    form["is_current_version"] = ""

    response = admin_client.post(edit_url(old_plan), form)  # save draft

    assert response.status_code == 302
    old_plan.refresh_from_db()
    assert old_plan.has_unpublished_changes and old_plan.is_current_version
    assert "Quokka" not in old_plan.summary
    assert not list(Publication.objects.filter(pk__in=search_matches("quokka")))
    visitor = Client()
    assert (
        "Quokka" not in visitor.get(f"/en/resources/publications/{old_plan.slug}/").content.decode()
    )
    assert visitor.get("/en/resources/strategic-plan/").status_code == 200
    # Positive control: publishing the draft shows it and indexes its words.
    admin_client.post(edit_url(old_plan), {**form, "action-publish": "1"})
    assert "Quokka" in visitor.get(f"/en/resources/publications/{old_plan.slug}/").content.decode()
    assert list(Publication.objects.filter(pk__in=search_matches("quokka"))) == [old_plan]


def test_restoring_an_earlier_revision_restores_that_version(admin_client, old_plan):
    document = old_plan.files.first().document
    form = publication_form(old_plan.title, old_plan.slug, old_plan.series, [document])
    form["summary"] = "First wording."
    admin_client.post(edit_url(old_plan), {**form, "action-publish": "1"})
    first = old_plan.revisions.order_by("-created_at", "-pk").first()
    form["summary"] = "Second wording."
    admin_client.post(edit_url(old_plan), {**form, "action-publish": "1"})
    page = f"/en/resources/publications/{old_plan.slug}/"
    assert "Second wording." in Client().get(page).content.decode()

    revert = (
        f"/admin/snippets/documents/publication/history/{old_plan.pk}/revisions/{first.pk}/revert/"
    )
    assert admin_client.get(revert).status_code == 200
    form["summary"] = "First wording."  # the revert view's form holds the old version
    response = admin_client.post(revert, {**form, "action-publish": "1"})

    assert response.status_code == 302
    html = Client().get(page).content.decode()
    assert "First wording." in html and "Second wording." not in html
    compare = (
        f"/admin/snippets/documents/publication/history/{old_plan.pk}/revisions/compare/"
        f"{first.pk}...latest/"
    )
    assert admin_client.get(compare).status_code == 200


def its_time_comes(revision):
    """A scheduled revision's go-live time passes, then publish_scheduled runs (the
    revision's approved time is what it reads)."""
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    Revision.objects.filter(pk=revision.pk).update(
        approved_go_live_at=past, content=revision.content
    )
    call_command("publish_scheduled")


def test_a_scheduled_publication_goes_live_at_its_time(admin_client, library, new_plan_form):
    form, document = new_plan_form
    go_live = timezone.now() + datetime.timedelta(hours=1)
    form["go_live_at"] = go_live.strftime("%Y-%m-%d %H:%M")

    response = admin_client.post(ADD, {**form, "action-publish": "1"})

    assert response.status_code == 302, response.content.decode()[:2000]
    new = Publication.objects.get(slug="zanzibar-plan-2025-2028")
    assert not new.live and new.scheduled_revision
    call_command("publish_scheduled")
    new.refresh_from_db()
    assert not new.live  # not yet: its time has not come
    assert what_visitors_see(document)["page"] == 404
    its_time_comes(new.scheduled_revision)
    new.refresh_from_db()
    assert new.live
    assert what_visitors_see(document)["page"] == 200


def test_a_password_alone_never_publishes(django_user_model, old_plan, new_plan_form):
    form, _document = new_plan_form
    moderator = member(django_user_model, "Moderators", "moderator")
    password_only = Client()  # Django's own client: a session without the second factor
    password_only.force_login(moderator)

    response = password_only.post(ADD, {**form, "action-publish": "1"})

    assert response.status_code == 302 and "/admin/" not in response["Location"]
    assert not Publication.objects.filter(slug="zanzibar-plan-2025-2028").exists()
    # Positive control: the same moderator with the second factor publishes.
    from tests.second_factor import StaffClient

    staff = StaffClient()
    staff.force_login(moderator)
    assert staff.post(ADD, {**form, "action-publish": "1"}).status_code == 302
    assert Publication.objects.get(slug="zanzibar-plan-2025-2028").live


def test_the_seeded_publications_are_live_with_a_first_revision():
    call_command("load_site_content", verbosity=0)
    seeded = Publication.objects.filter(slug="inpud-strategic-plan-2021-2024").get()
    assert seeded.live and seeded.live_revision_id == seeded.latest_revision_id
    assert Client().get("/en/resources/strategic-plan/").status_code == 200


@pytest.mark.migrates
@pytest.mark.django_db(transaction=True)
def test_publications_made_before_moderation_stay_live_with_a_first_revision(home):
    before = [("documents", "0007_online_edition_permissions")]
    after = [("documents", "0009_publications_live_with_a_first_revision")]
    document = LibraryDocumentFactory(title="Old plan (en)")  # its table does not change
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    OldPublication = old_apps.get_model("documents", "Publication")
    old = OldPublication.objects.create(
        title="Old plan", slug="old-plan", publication_date=datetime.date(2019, 1, 1)
    )
    old_apps.get_model("documents", "PublicationFile").objects.create(
        publication=old, document_id=document.pk, sort_order=0
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    migrated = Publication.objects.get(slug="old-plan")
    assert migrated.live and not migrated.has_unpublished_changes
    assert migrated.live_revision == migrated.latest_revision is not None
    restored = migrated.live_revision.as_object()
    assert restored.title == "Old plan"
    assert [f.document_id for f in restored.files.all()] == [document.pk]
    assert Client().get(document.url).status_code == 200


EDITIONS = "/admin/snippets/documents/onlineedition/"


def edition_form(publication, text):
    return nested_form_data(
        {
            "publication": publication.pk,
            "title": publication.title,
            "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
        }
    )


def what_visitors_see_of_the_edition(publication):
    visitor = Client()
    detail = f"/en/resources/publications/{publication.slug}/"
    read = visitor.get(detail + "read/")
    return {
        "read": read.status_code,
        "text": "Wombat" in read.content.decode(),
        "linked": "Read online" in visitor.get(detail).content.decode(),
        "sitemap": detail + "read/" in visitor.get("/sitemap-en.xml").content.decode(),
    }


def test_an_editors_online_edition_is_invisible_until_a_moderator_publishes_it(
    client, django_user_model, old_plan
):
    form = edition_form(old_plan, "Wombat text.")
    client.force_login(member(django_user_model, "Editors", "editor"))

    # Asking to publish does not publish: Editors have no publish right on editions.
    response = client.post(EDITIONS + "add/", {**form, "action-publish": "1"})
    edition = OnlineEdition.objects.get(publication=old_plan)
    assert not edition.live, response.content.decode()[:2000]
    response = client.post(f"{EDITIONS}edit/{edition.pk}/", {**form, "action-submit": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    edition.refresh_from_db()
    assert edition.workflow_in_progress
    hidden = {"read": 404, "text": False, "linked": False, "sitemap": False}
    assert what_visitors_see_of_the_edition(old_plan) == hidden
    approve = {**form, "action-workflow-action": "1", "workflow-action-name": "approve"}
    client.post(f"{EDITIONS}edit/{edition.pk}/", approve)  # not their own submission
    edition.refresh_from_db()
    assert not edition.live and edition.workflow_in_progress

    client.force_login(member(django_user_model, "Moderators", "moderator"))
    response = client.post(f"{EDITIONS}edit/{edition.pk}/", approve, follow=True)

    assert (
        f"Online edition &#x27;{old_plan.title}&#x27; approved and published."
        in response.content.decode()
    )
    edition.refresh_from_db()
    assert edition.live and not edition.workflow_in_progress
    shown = {"read": 200, "text": True, "linked": True, "sitemap": True}
    assert what_visitors_see_of_the_edition(old_plan) == shown


def test_an_online_editions_earlier_revision_can_be_restored(admin_client, old_plan):
    edition = OnlineEdition(
        publication=old_plan,
        locale=Locale.get_default(),
        title=old_plan.title,
        body=[("paragraph", "<p>Wombat text.</p>")],
    )
    edition.save()
    first = edition.save_revision()
    first.publish()
    edition.body = [("paragraph", "<p>Numbat text.</p>")]
    edition.save_revision().publish()
    assert (
        "Numbat"
        in Client().get(f"/en/resources/publications/{old_plan.slug}/read/").content.decode()
    )

    # What the History's "Review this version" then "Publish" does.
    response = admin_client.post(
        f"{EDITIONS}history/{edition.pk}/revisions/{first.pk}/revert/",
        {**edition_form(old_plan, "Wombat text."), "action-publish": "1"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert what_visitors_see_of_the_edition(old_plan)["text"]
    assert edition.revisions.count() == 3


def test_a_scheduled_online_edition_goes_live_at_its_time(admin_client, old_plan):
    form = edition_form(old_plan, "Wombat text.")
    go_live = timezone.now() + datetime.timedelta(hours=1)
    form["go_live_at"] = go_live.strftime("%Y-%m-%d %H:%M")

    response = admin_client.post(EDITIONS + "add/", {**form, "action-publish": "1"})

    assert response.status_code == 302, response.content.decode()[:2000]
    edition = OnlineEdition.objects.get(publication=old_plan)
    assert not edition.live and edition.scheduled_revision
    call_command("publish_scheduled")
    assert what_visitors_see_of_the_edition(old_plan)["read"] == 404  # its time has not come
    its_time_comes(edition.scheduled_revision)
    assert what_visitors_see_of_the_edition(old_plan) == {
        "read": 200,
        "text": True,
        "linked": True,
        "sitemap": True,
    }


def test_a_moderator_approving_a_scheduled_edition_is_told_when_it_goes_live(
    client, django_user_model, old_plan
):
    form = edition_form(old_plan, "Wombat text.")
    go_live = timezone.now() + datetime.timedelta(hours=1)
    form["go_live_at"] = go_live.strftime("%Y-%m-%d %H:%M")  # the editor's zone: UTC
    client.force_login(member(django_user_model, "Editors", "editor"))
    client.post(EDITIONS + "add/", {**form, "action-publish": "1"})
    edition = OnlineEdition.objects.get(publication=old_plan)
    client.post(f"{EDITIONS}edit/{edition.pk}/", {**form, "action-submit": "1"})
    client.force_login(member(django_user_model, "Moderators", "moderator"))
    approve = {**form, "action-workflow-action": "1", "workflow-action-name": "approve"}

    response = client.post(f"{EDITIONS}edit/{edition.pk}/", approve, follow=True)

    html = response.content.decode()
    when = go_live.strftime("%Y-%m-%d %H:%M UTC")
    assert (
        f"Online edition &#x27;{old_plan.title}&#x27; approved: it will be published on {when}."
        in html
    )
    assert "approved and published" not in html  # it is not live yet
    edition.refresh_from_db()
    assert not edition.live and edition.scheduled_revision
    assert what_visitors_see_of_the_edition(old_plan)["read"] == 404


def status_column(html, title):
    """The text of each row's status tag in an admin listing, by the row's title."""
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", html, re.S)
    row = next(row for row in rows if title in row)
    return re.findall(r'class="w-status[^"]*"[^>]*>\s*([^<]+?)\s*<', row)


def test_the_library_listings_show_what_is_live_and_what_is_a_draft(admin_client, old_plan):
    PublicationFactory(title="Zanzibar draft", live=False)
    draft_edition = OnlineEdition(
        publication=old_plan,
        locale=Locale.get_default(),
        title="Quokka edition",
        body=[("paragraph", "<p>Text.</p>")],
        live=False,
    )
    draft_edition.save()

    publications = admin_client.get("/admin/snippets/documents/publication/").content.decode()
    editions = admin_client.get(EDITIONS).content.decode()

    assert status_column(publications, "Zanzibar draft") == ["draft"]
    assert status_column(publications, "Strategic Plan 2021-2024") == ["Current", "live"]
    assert status_column(editions, "Quokka edition") == ["draft"]
