"""The Wagtail admin works under its Content-Security-Policy: no CSP violation and no
request to another host on the pages editors use."""

import pytest
from wagtail.models import Site

from tests.e2e.conftest import PASSWORD, TOTP_SECRETS, log_in, restore_migration_data
from tests.factories import HomePageFactory
from tests.second_factor import add_authenticator_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def site_with_home(transactional_db):
    home = HomePageFactory(parent=restore_migration_data(["en"]))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


def editor_pages(home):
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{home.pk}/edit/",
        f"/admin/pages/add/pages/homepage/{home.pk}/",
        f"/admin/pages/{home.pk}/history/",
        "/admin/documents/",
        "/admin/documents/multiple/add/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/redirects/",
        "/admin/redirects/add/",
        "/admin/users/",
        "/admin/account/",
        "/admin/reports/aging-pages/",
        "/admin/localize/reports/translations/",
        "/accounts/2fa/",  # the second-factor pages, with their own scripts
        "/accounts/2fa/recovery-codes/",
    ]


def test_editors_admin_pages_raise_no_csp_violation_and_reach_no_other_host(
    page, live_server, site_with_home, django_user_model, external_requests
):
    editor = django_user_model.objects.create_superuser("editor", "editor@inpud.example", PASSWORD)
    TOTP_SECRETS["editor"] = add_authenticator_app(editor)
    console_errors = []
    page.on(
        "console",
        lambda message: (
            console_errors.append(f"{page.url}: {message.text}")
            if message.type == "error"
            else None
        ),
    )
    # Uncaught script errors: a widget that failed to start without its inline script.
    uncaught = []
    page.on("pageerror", lambda error: uncaught.append(f"{page.url}: {error}"))
    page.add_init_script(RECORD_VIOLATIONS)

    log_in(page, live_server, "editor")

    violations = {}
    for path in editor_pages(site_with_home):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        found = page.evaluate("window.__cspViolations")
        if found:
            violations[path] = found

    assert violations == {}
    assert [error for error in console_errors if "Content Security Policy" in error] == []
    assert uncaught == []
    assert external_requests == []


def test_widgets_started_without_inline_scripts_still_work(
    page, live_server, site_with_home, django_user_model
):
    editor = django_user_model.objects.create_superuser("editor", "editor@inpud.example", PASSWORD)
    TOTP_SECRETS["editor"] = add_authenticator_app(editor)
    page.add_init_script(RECORD_VIOLATIONS)
    log_in(page, live_server, "editor")

    # A page chooser (Wagtail would start it with an inline script) opens its modal.
    page.goto(f"{live_server.url}/admin/redirects/add/")
    page.get_by_role("button", name="Choose a page").click()
    page.wait_for_selector(".modal-dialog", state="visible", timeout=10_000)
    assert "International Network of People who Use Drugs" in page.inner_text(".modal-dialog")
    assert page.evaluate("window.__cspViolations") == []

    # A date field (Wagtail would start its picker with an inline script) has its picker.
    page.goto(f"{live_server.url}/admin/pages/")
    picker = "jQuery('#id_latest_revision_created_at_0').data('xdsoft_datetimepicker')"
    assert page.evaluate(f"{picker} !== undefined")
    assert page.evaluate("window.__cspViolations") == []


def test_the_public_site_raises_no_csp_violation(page, live_server, site_with_home):
    page.add_init_script(RECORD_VIOLATIONS)
    console_errors = []
    page.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)

    page.goto(f"{live_server.url}/en/")

    assert page.locator("h1").inner_text() == "International Network of People who Use Drugs"
    assert page.evaluate("window.__cspViolations") == []
    assert console_errors == []
