"""A joint statement from draft to public, in a real browser: an editor writes it, a
moderator schedules it, and at its time it is on the home page, in the list and the feed.
Sign-in goes through tests/e2e/conftest.log_in, so a second factor changes one helper."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from tests.e2e.conftest import log_in, screenshot
from tests.factories import news_type

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Joint statement: stop executions for drug offences"


def test_a_joint_statement_is_written_scheduled_and_appears_at_its_time(
    page, browser, live_server, loaded_site
):
    from news.models import NewsIndexPage, NewsItemPage

    statement = news_type("statement", "Statement")
    section = NewsIndexPage.objects.get(locale__language_code="en")

    log_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/pages/add/news/newsitempage/{section.pk}/")
    page.locator("#id_title").fill(TITLE)
    page.locator("select[name='news_type']").select_option(str(statement.pk))
    page.locator("textarea[name='summary']").fill(
        "Networks of people who use drugs ask every state to stop."
    )
    page.locator("[data-contentpath='body'] button[title='Insert a block']").first.click()
    page.get_by_role("option", name="Co-signing organisations").click()
    page.locator("[data-contentpath='body'] input[name$='organisations-0-value']").fill("EuroNPUD")
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Moderators approval").click()
    page.wait_for_load_state("networkidle")
    screenshot(page, "news-1-editor-submitted")
    item = NewsItemPage.objects.get(title=TITLE)
    assert item.workflow_in_progress and not item.live

    moderator = browser.new_page()
    log_in(moderator, live_server, "moderator")
    moderator.goto(f"{live_server.url}/admin/pages/{item.pk}/edit/")
    # Wagtail's status side panel: "Set schedule" opens the go-live dialog.
    moderator.get_by_role("button", name="Toggle status").click()
    moderator.get_by_role("button", name="Set schedule").click()
    go_live = timezone.localtime() + datetime.timedelta(minutes=2)
    dialog = moderator.locator("#schedule-publishing-dialog")
    dialog.locator("input[name='go_live_at']").fill(go_live.strftime("%Y-%m-%d %H:%M"))
    # The date picker (a jQuery widget) keeps a layer over the dialog's button once a date is
    # typed, which catches the mouse: the moderator saves with the keyboard instead.
    dialog.get_by_role("button", name="Save schedule").press("Enter")
    moderator.wait_for_load_state("networkidle")
    moderator.get_by_role("button", name="More actions").click()
    moderator.get_by_role("button", name="Approve and Publish", exact=True).click()
    moderator.wait_for_load_state("networkidle")
    screenshot(moderator, "news-2-moderator-scheduled")
    item.refresh_from_db()
    assert not item.live and item.go_live_at is not None
    visitor = moderator.context.request
    assert TITLE not in visitor.get(f"{live_server.url}/en/").text()

    # Its time comes: the scheduled times move to a minute ago, and the cron job runs.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = Revision.page_revisions.filter(object_id=str(item.pk)).latest("created_at")
    assert revision.approved_go_live_at is not None
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    NewsItemPage.objects.filter(pk=item.pk).update(go_live_at=past)
    call_command("publish_scheduled")

    moderator.goto(f"{live_server.url}/en/")
    screenshot(moderator, "news-3-home-page")
    assert moderator.get_by_role("link", name=TITLE).is_visible()
    moderator.goto(f"{live_server.url}/en/news/?type=statement")
    assert moderator.get_by_role("link", name=TITLE).is_visible()
    moderator.get_by_role("link", name=TITLE).click()
    assert moderator.get_by_role("listitem").filter(has_text="EuroNPUD").is_visible()
    screenshot(moderator, "news-4-statement")
    assert TITLE in visitor.get(f"{live_server.url}/en/news/feed/").text()
    moderator.close()
