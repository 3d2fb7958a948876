"""An editor previews the Aims page at phone and desktop width; a moderator puts an older
version back live from the page's history. In Debian's chromium, clicking what a person
clicks; screenshots go to artifacts/e2e/."""

import re

import pytest

from tests.e2e.conftest import log_in, screenshot
from tests.e2e.test_admin_csp import RECORD_VIOLATIONS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDE_SCREEN = {"width": 1600, "height": 1000}
MISTAKE = "One aim only, published by mistake."


def public_aims(browser, live_server):
    """The aims as a visitor reads them (a fresh browser: no session, the page cache)."""
    visitor = browser.new_context()
    tab = visitor.new_page()
    tab.goto(f"{live_server.url}/en/about/aims/")
    items = tab.locator("ol.numbered-list > li").all_inner_texts()
    visitor.close()
    return items


def preview_iframe_width(editor):
    """The preview iframe's width, and the viewport width the page inside it lays itself
    out in (both in CSS pixels; the panel scales the iframe down to fit)."""
    frame = editor.frame_locator("#w-preview-iframe")
    frame.locator("ol.numbered-list").wait_for()
    return (
        editor.locator("#w-preview-iframe").evaluate("iframe => iframe.clientWidth"),
        frame.locator("html").evaluate("html => window.innerWidth"),
    )


def test_an_editor_previews_the_aims_at_two_widths_and_a_moderator_rolls_them_back(
    page, browser, live_server, loaded_site
):
    from pages.models import AimsPage

    seeded_aims = public_aims(browser, live_server)
    assert len(seeded_aims) == 7
    aims = AimsPage.objects.get(locale__language_code="en")
    aims.aims = [("aim", f"<p>{MISTAKE}</p>")]
    moderator_user = loaded_site["moderator"]
    aims.save_revision(user=moderator_user, log_action=True).publish(user=moderator_user)
    assert public_aims(browser, live_server) == [MISTAKE]

    console_errors = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    page.add_init_script(RECORD_VIOLATIONS)
    page.set_viewport_size(WIDE_SCREEN)
    log_in(page, live_server, "editor")
    page.goto(f"{live_server.url}/admin/pages/{aims.pk}/edit/")
    page.get_by_role("button", name="Toggle preview").click()
    # Phone size is Wagtail's default; the page inside is laid out at 375 px.
    assert preview_iframe_width(page) == (375, 375)
    assert page.get_by_label("Preview in mobile size").is_checked()
    screenshot(page, "rev-1-editor-previews-aims-phone")

    page.get_by_label("Preview in desktop size").check(force=True)  # a visually hidden radio
    page.wait_for_function(
        "document.querySelector('#w-preview-iframe').clientWidth === 1280", timeout=5000
    )
    assert preview_iframe_width(page) == (1280, 1280)
    preview = page.frame_locator("#w-preview-iframe")
    assert preview.locator("ol.numbered-list > li").all_inner_texts() == [MISTAKE]
    screenshot(page, "rev-2-editor-previews-aims-desktop")
    assert page.evaluate("window.__cspViolations") == []
    assert [text for text in console_errors if "Content Security Policy" in text] == []
    # The editor leaves the edit view: its preview panel and editing session stop polling,
    # which would otherwise still be reaching the database when the test's is emptied.
    page.goto(f"{live_server.url}/admin/")

    # Editors cannot publish: a moderator puts the previous version back.
    moderator = browser.new_page(viewport=WIDE_SCREEN)
    log_in(moderator, live_server, "moderator")
    moderator.goto(f"{live_server.url}/admin/pages/{aims.pk}/edit/")
    moderator.get_by_role("link", name="History").click()
    moderator.wait_for_url(f"**/admin/pages/{aims.pk}/history/")
    # Newest first: the last saved version is the one the site was seeded with.
    seeded_version = moderator.get_by_role("row").filter(has_text="Draft saved").last
    seeded_version.get_by_role("button", name="Actions").click()
    review = moderator.get_by_role("link", name="Review this version")
    review.wait_for()
    screenshot(moderator, "rev-3-moderator-history")
    review.click()
    moderator.wait_for_url(f"**/admin/pages/{aims.pk}/revisions/*/revert/")
    assert moderator.get_by_text("You are viewing a previous version of this page").is_visible()
    screenshot(moderator, "rev-4-moderator-reviews-older-version")

    moderator.get_by_role("button", name="More actions").click()
    moderator.get_by_role("button", name="Publish this version").click()
    moderator.wait_for_url(f"**/admin/pages/{aims.get_parent().pk}/")  # the About listing
    published = re.compile(r"Version from .* of page 'Our aims' has been published\.")
    assert moderator.get_by_text(published).is_visible()
    screenshot(moderator, "rev-5-moderator-published-older-version")
    moderator.close()

    assert public_aims(browser, live_server) == seeded_aims
