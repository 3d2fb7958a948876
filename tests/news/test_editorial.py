"""News items go through what every page does: the moderation workflow, scheduling in the
editor's own time zone, embargoed files, revisions, translation, search, sitemap, cache."""

import datetime
import zoneinfo

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from documents.queries import is_public_document
from news.models import NewsItemPage
from tests.factories import LibraryDocumentFactory, NewsItemPageFactory
from tests.news.helpers import publish_translation
from tests.pages.test_editorial_groups import member_of

pytestmark = pytest.mark.django_db

GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")  # Geneva keeps Zurich's time


@pytest.fixture
def editor(django_user_model):
    user = member_of(django_user_model, "Editors", "editor")
    profile = UserProfile.get_for_user(user)
    profile.current_time_zone = "Europe/Zurich"
    profile.save()
    return user


@pytest.fixture
def moderator(django_user_model):
    return member_of(django_user_model, "Moderators", "moderator")


def statement_form(news, action, go_live_at=""):
    return nested_form_data(
        {
            "title": "Joint statement against executions",
            "slug": "joint-statement-against-executions",
            "date": "2027-03-02",
            "news_type": news["types"]["statement"].pk,
            "summary": "Networks of people who use drugs call for an end to executions.",
            "body": streamfield(
                [
                    ("paragraph", rich_text("<p>We call on every state to stop.</p>")),
                    (
                        "cosignatories",
                        {"heading": "", "organisations": streamfield([("item", "EuroNPUD")])},
                    ),
                ]
            ),
            "topics": [news["topics"]["harm-reduction"].pk],
            "related_items": streamfield([]),
            "go_live_at": go_live_at,
            action: "on",
        }
    )


def test_an_editors_statement_waits_for_a_moderator_and_goes_live_at_9_in_geneva(
    client, news, editor, moderator
):
    index = news["index"]
    client.force_login(editor)
    response = client.post(
        f"/admin/pages/add/news/newsitempage/{index.pk}/",
        statement_form(news, "action-submit", go_live_at="2027-03-02 09:00"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    item = NewsItemPage.objects.get(slug="joint-statement-against-executions")
    assert item.workflow_in_progress and not item.live
    # Entered as 09:00 in the editor's zone (Geneva, UTC+1 in March), stored in UTC.
    assert item.go_live_at == datetime.datetime(2027, 3, 2, 8, 0, tzinfo=datetime.UTC)
    assert item.go_live_at.astimezone(GENEVA).hour == 9

    client.force_login(moderator)
    task_state = item.current_workflow_task_state
    client.post(f"/admin/pages/workflow/action/{item.pk}/approve/{task_state.pk}/", {"comment": ""})
    item.refresh_from_db()
    assert not item.live  # approved, scheduled: not before its time
    revision = Revision.page_revisions.filter(object_id=str(item.pk)).latest("created_at")
    assert revision.approved_go_live_at == item.go_live_at
    client.logout()
    assert "Joint statement" not in client.get("/en/news/").content.decode()

    # The clock reaches 09:00 in Geneva: move the scheduled times to a minute ago.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    NewsItemPage.objects.filter(pk=item.pk).update(go_live_at=past)
    call_command("publish_scheduled")

    item.refresh_from_db()
    assert item.live
    assert "Joint statement against executions" in client.get("/en/news/").content.decode()
    assert "Joint statement against executions" in client.get("/en/news/feed/").content.decode()
    html = client.get("/en/news/joint-statement-against-executions/").content.decode()
    assert "<li>EuroNPUD</li>" in html


def test_an_editor_cannot_publish_a_news_item_directly(client, news, editor):
    client.force_login(editor)
    client.post(
        f"/admin/pages/add/news/newsitempage/{news['index'].pk}/",
        statement_form(news, "action-publish"),
    )
    item = NewsItemPage.objects.get(slug="joint-statement-against-executions")
    assert not item.live

    # Positive control: a moderator's own publish goes live.
    assert NewsItemPageFactory(parent=news["index"], title="Moderated").live


def test_a_document_linked_by_an_embargoed_item_is_not_public_before_it(news):
    document = LibraryDocumentFactory(title="Embargoed report")
    body = [("paragraph", f'<p><a linktype="document" id="{document.pk}">Report</a></p>')]
    item = NewsItemPage(title="Embargoed", slug="embargoed", summary="Soon.", body=body)
    item.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    news["index"].add_child(instance=item)
    item.save_revision().publish()  # scheduled: a future go-live

    item.refresh_from_db()
    assert not item.live
    assert not is_public_document(document)

    item.go_live_at = None
    item.save_revision().publish()
    assert is_public_document(document)  # positive control: once live, it is public


def test_revisions_of_an_item_can_be_restored(news):
    item = NewsItemPageFactory(parent=news["index"], title="First title")
    first = item.latest_revision
    item.title = "Second title"
    item.save_revision().publish()

    first.as_object().save_revision().publish()

    assert NewsItemPage.objects.get(pk=item.pk).title == "First title"


def test_a_translated_item_has_hreflang_and_its_fallback_is_honest(client, news):
    item = NewsItemPageFactory(parent=news["index"], title="Support Ukraine")
    untranslated = NewsItemPageFactory(parent=news["index"], title="Only English")
    publish_translation(item, "fr", title="Soutenir l'Ukraine")

    french = client.get(f"/fr/news/{item.slug}/").content.decode()
    fallback = client.get(f"/fr/news/{untranslated.slug}/").content.decode()

    assert "<h1>Soutenir l&#x27;Ukraine</h1>" in french
    assert f'hreflang="fr" href="http://testserver/fr/news/{item.slug}/"' in french
    assert f'hreflang="en" href="http://testserver/en/news/{item.slug}/"' in french
    assert '<main id="main" tabindex="-1" lang="en">' in fallback
    assert 'hreflang="fr"' not in fallback.split("<body")[0]


def test_the_header_search_finds_live_items_only(client, news):
    NewsItemPageFactory(parent=news["index"], title="Naloxone statement", summary="Naloxone.")
    draft = NewsItemPageFactory(parent=news["index"], title="Naloxone draft", summary="Naloxone.")
    draft.unpublish()

    html = client.get("/en/search/?q=naloxone").content.decode()

    assert "Naloxone statement" in html
    assert "Naloxone draft" not in html


def test_the_sitemap_lists_live_items(client, news):
    live = NewsItemPageFactory(parent=news["index"], title="In the sitemap")
    draft = NewsItemPageFactory(parent=news["index"], title="Not in it")
    draft.unpublish()

    sitemap = client.get("/sitemap-en.xml").content.decode()

    assert (
        f"http://localhost/en/news/{live.slug}/" in sitemap or f"/en/news/{live.slug}/" in sitemap
    )
    assert draft.slug not in sitemap


def test_publishing_an_item_refreshes_the_cached_list(client, news):
    assert client.get("/en/news/")["X-Page-Cache"] == "miss"
    assert client.get("/en/news/")["X-Page-Cache"] == "hit"

    NewsItemPageFactory(parent=news["index"], title="Fresh news")

    response = client.get("/en/news/")
    assert response["X-Page-Cache"] == "miss"
    assert "Fresh news" in response.content.decode()
