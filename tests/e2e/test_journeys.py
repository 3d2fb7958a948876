"""The people who use the site, in a real browser: editors and moderators in the admin,
translators in wagtail-localize's editor, visitors on a phone. Each journey clicks what a
person would click and checks what the public then sees; screenshots go to artifacts/e2e/."""

import pytest

from tests.e2e.conftest import log_in, screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE = {"width": 375, "height": 740}


def test_editor_changes_the_aims_and_a_moderator_approves_them(
    page, browser, live_server, loaded_site
):
    from pages.models import AimsPage

    aims = AimsPage.objects.get(locale__language_code="en")
    log_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/pages/{aims.pk}/edit/")

    first_aim = page.locator("[data-contentpath='aims'] .public-DraftEditor-content").first
    first_aim.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("To advocate, everywhere, for the rights of people who use drugs.")
    page.locator("[data-contentpath='aims'] button[title='Insert a block']").last.click()
    eighth = page.locator("[data-contentpath='aims'] .public-DraftEditor-content").nth(7)
    eighth.click()
    page.keyboard.type("To end the war on drugs.")
    # Wagtail 8 autosaves 0.5 s after typing stops; let it finish, as a person's pause would,
    # so that the submission does not race it.
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(2000)
    screenshot(page, "1-editor-edits-aims")

    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Moderators approval").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("has been submitted for moderation").is_visible()
    screenshot(page, "1-editor-submitted")
    assert (
        "To end the war on drugs."
        not in page.context.request.get(f"{live_server.url}/en/about/aims/").text()
    )

    moderator = browser.new_page()
    log_in(moderator, live_server, "moderator")
    screenshot(moderator, "1-moderator-dashboard")
    moderator.goto(f"{live_server.url}/admin/pages/{aims.pk}/edit/")
    moderator.get_by_role("button", name="More actions").click()
    screenshot(moderator, "1-moderator-reviews")
    moderator.get_by_role("button", name="Approve and Publish", exact=True).click()
    moderator.wait_for_load_state("networkidle")
    screenshot(moderator, "1-moderator-approved")

    moderator.goto(f"{live_server.url}/en/about/aims/")
    screenshot(moderator, "1-public-aims")
    items = moderator.locator("ol.numbered-list > li").all_inner_texts()
    assert len(items) == 8
    assert items[0] == "To advocate, everywhere, for the rights of people who use drugs."
    assert items[7] == "To end the war on drugs."
    moderator.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_visitor_on_a_phone_finds_and_downloads_the_strategic_plan(
    browser, live_server, loaded_site, javascript
):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    visitor = context.new_page()
    name = f"4-visitor-{'js' if javascript else 'nojs'}"

    visitor.goto(f"{live_server.url}/en/")
    screenshot(visitor, f"{name}-home")
    visitor.get_by_role("navigation", name="Languages").get_by_role("link", name="Français").click()
    visitor.wait_for_url(f"{live_server.url}/fr/")
    assert visitor.locator("html").get_attribute("lang") == "fr"
    visitor.locator("nav.language-switcher").get_by_role("link", name="English").click()
    visitor.wait_for_url(f"{live_server.url}/en/")

    visitor.goto(f"{live_server.url}/en/resources/")
    visitor.get_by_label("Search publications").fill("strategic")
    visitor.get_by_role("button", name="Show publications").click()
    visitor.wait_for_url("**/resources/?*q=strategic*")
    screenshot(visitor, f"{name}-search")
    results = visitor.locator("li.publication")
    assert "Strategic Plan" in results.first.inner_text()

    link = results.first.get_by_role("link", name="Download")
    href = link.get_attribute("href")
    # Chromium shows or saves the PDF itself: check the response the click brought.
    with visitor.expect_response(lambda response: href in response.url) as clicked:
        link.click()
    response = clicked.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    # (Chromium's PDF viewer replaces the body it reports: fetch the file itself.)
    assert context.request.get(response.url).body().startswith(b"%PDF")
    context.close()
