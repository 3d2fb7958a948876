"""Staff sign in the way they now will, in a real browser: a new superuser's first sign-in
sets up an authenticator app and gets recovery codes, then adds a security key (Chromium's
virtual authenticator) and signs in with it; a superuser resets a lost factor and sees
the record. Every screen passes axe and is photographed at phone and desktop width."""

import pytest
from allauth.mfa.models import Authenticator

from harness.audit import AXE, axe_violations
from harness.totp import fresh_code
from tests.conftest import require
from tests.e2e.conftest import PASSWORD, TOTP_SECRETS, log_in, restore_migration_data, screenshot
from tests.second_factor import add_authenticator_app

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


@pytest.fixture
def accounts(transactional_db, django_user_model):
    restore_migration_data(["en"])
    admin = django_user_model.objects.create_superuser("admin", "admin@inpud.example", PASSWORD)
    editor = django_user_model.objects.create_user("editor", "editor@inpud.example", PASSWORD)
    editor.is_staff = True
    editor.save()
    return admin, editor


def look(page, name, found):
    """axe's violations on this screen (into found), and its screenshots at both widths,
    once Wagtail's messages have faded in (axe measures contrast mid-fade otherwise). Only
    one-off animations are awaited: the badge of Wagtail's "What's new" pulses five times
    over 25 seconds."""
    page.evaluate(
        "Promise.all(document.getAnimations()"
        ".filter(a => a.effect.getTiming().iterations === 1).map(a => a.finished))"
        ".then(() => true)"
    )
    found[name] = [(v["id"], v["nodes"]) for v in axe_violations(page)]
    for label, viewport in (("390", PHONE), ("1280", DESKTOP)):
        page.set_viewport_size(viewport)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name
        screenshot(page, f"sign-in-{name}-{label}")
    page.set_viewport_size(DESKTOP)


def add_virtual_security_key(page):
    """Chromium's virtual authenticator (DevTools protocol): a platform passkey that the
    user has verified (PIN or fingerprint), answering at once."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp


def test_first_sign_in_sets_up_an_app_and_codes_then_a_key_signs_in(page, live_server, accounts):
    require(AXE.exists(), "axe-core in node_modules (npm ci)")
    found = {}
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/admin/pages/")
    assert page.url == f"{live_server.url}/accounts/login/?next=/admin/pages/"
    look(page, "password", found)
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # First sign-in: the authenticator app's set-up, before any admin page.
    page.wait_for_url(f"{live_server.url}/accounts/2fa/totp/activate/")
    assert page.get_by_role("img").first.get_attribute("src").startswith("data:image/svg+xml")
    secret = page.locator("[data-totp-secret]").inner_text()
    look(page, "set-up-app", found)
    page.get_by_label("Authenticator code").fill(fresh_code(secret))
    page.get_by_role("button", name="Activate").click()

    page.wait_for_url(f"{live_server.url}/accounts/2fa/recovery-codes/")
    look(page, "recovery-codes", found)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download codes").click()
    with open(download.value.path()) as downloaded:
        codes = downloaded.read().split()
    assert len(codes) == 10
    page.get_by_role("link", name="Continue to the admin").click()
    page.wait_for_url(f"{live_server.url}/admin/")

    # A security key (recommended), added in the same session.
    cdp = add_virtual_security_key(page)
    page.goto(f"{live_server.url}/accounts/2fa/webauthn/add/")
    look(page, "set-up-key", found)
    page.get_by_role("button", name="Add").click()
    page.wait_for_url(f"{live_server.url}/accounts/2fa/")
    assert Authenticator.objects.filter(type=Authenticator.Type.WEBAUTHN).count() == 1
    look(page, "overview", found)

    # Next sign-in: the password, then the key.
    page.goto(f"{live_server.url}/accounts/logout/")
    page.get_by_role("button", name="Sign Out", exact=True).click()
    page.goto(f"{live_server.url}/admin/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/accounts/2fa/authenticate/")
    look(page, "second-factor", found)
    page.get_by_role("button", name="Use a security key").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    cdp.send("WebAuthn.disable")

    assert found == {name: [] for name in found}


def test_a_superuser_removes_a_lost_factor_in_the_admin_and_sees_the_record(
    page, live_server, accounts
):
    require(AXE.exists(), "axe-core in node_modules (npm ci)")
    admin, editor = accounts
    TOTP_SECRETS["admin"] = add_authenticator_app(admin)
    add_authenticator_app(editor)
    found = {}
    log_in(page, live_server, "admin")

    page.goto(f"{live_server.url}/admin/second-factor/{editor.pk}/remove/")
    look(page, "lost-device-confirm", found)
    page.get_by_role("button", name="Yes, remove their second factors").click()
    page.wait_for_url(f"{live_server.url}/admin/users/")
    assert not Authenticator.objects.filter(user=editor).exists()

    page.goto(f"{live_server.url}/admin/reports/site-history/")
    assert page.get_by_text("Second factor removed from editor").is_visible()
    look(page, "lost-device-record", found)

    assert found == {name: [] for name in found}
