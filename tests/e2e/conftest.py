"""Browser tests in Debian's chromium through Playwright (no browser download)."""

import importlib
import io
import os
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Site

from harness.browser import CHROMIUM, CHROMIUM_ARGS
from harness.totp import fresh_code
from pages.groups import set_up_editorial_groups
from tests.browser import SAVED_SCREENSHOTS, wait_for_requests_in_flight
from tests.conftest import require, restore_migration_data
from tests.second_factor import add_authenticator_app

# Playwright's sync API keeps an event loop in the test thread for the whole session; the
# tests' own ORM calls are still synchronous and safe. Subprocesses the tests start leave
# this variable out (harness/servers.py: subprocess_env).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require(os.path.exists(CHROMIUM), "Debian's chromium (apt-get install -y chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(autouse=True)
def no_autosave(settings):
    """The journeys click Save, Submit and Approve themselves. Wagtail 8's autosave posts
    the same form in the background every 500 ms after a change, and a journey's click
    then races it (the submit can find the draft made or the form mid-save). Editors keep
    autosave (README, editors' guide); these journeys do not exercise it."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture(autouse=True)
def browser_closed_before_the_database_is_emptied(transactional_db, browser):
    """After each test, before its database is flushed: close every browser context the
    test opened (an open admin page keeps sending requests: Wagtail's autosave and its
    editing-session pings), then wait for the live server to finish answering them."""
    yield
    for context in browser.contexts:
        context.close()
    wait_for_requests_in_flight()


@pytest.fixture
def external_requests():
    return []


@pytest.fixture
def page(page, live_server, external_requests):
    """A browser tab that may reach the live server only; anything else is recorded and
    refused, so a test can assert the admin contacts no other host."""

    def guard(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            external_requests.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    yield page


SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "e2e"
PASSWORD = "correct horse battery staple"


def screenshot(browser_page, name):
    """Save a full-page screenshot under artifacts/e2e/ (listed at the end of the run)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    browser_page.screenshot(path=str(path), full_page=True)
    SAVED_SCREENSHOTS.append(path)
    return path


# username -> TOTP secret of the people loaded_site made; username -> Playwright storage
# state (the signed-in session's cookies) once they have signed in, within one test: a
# transactional test flushes the database, sessions and users with it, after itself.
TOTP_SECRETS = {}
SIGNED_IN_STATES = {}


@pytest.fixture(autouse=True)
def forget_signed_in_states():
    SIGNED_IN_STATES.clear()
    yield
    SIGNED_IN_STATES.clear()


def log_in(browser_page, live_server, username):
    """Sign in as people do: password, then the code of their authenticator app (the
    first time in a test), or reuse that signed-in browser state (storage state)."""
    if username in SIGNED_IN_STATES:
        browser_page.context.add_cookies(SIGNED_IN_STATES[username]["cookies"])
        browser_page.goto(f"{live_server.url}/admin/")
        return
    browser_page.goto(f"{live_server.url}/admin/login/")  # leads to the one sign-in page
    browser_page.get_by_label("Username").fill(username)
    browser_page.get_by_label("Password").fill(PASSWORD)
    browser_page.get_by_role("button", name="Sign in").click()
    browser_page.get_by_label("Code").fill(fresh_code(TOTP_SECRETS[username]))
    browser_page.get_by_role("button", name="Sign in").click()
    browser_page.wait_for_url(f"{live_server.url}/admin/")
    SIGNED_IN_STATES[username] = browser_page.context.storage_state()


@pytest.fixture
def loaded_site(transactional_db, django_user_model):
    """The whole seeded site, as `make run` makes it, with its groups and three people: a
    transactional test starts from a flushed database, so put back what migrations made."""
    restore_migration_data(["en", "fr", "es", "ru"])
    Group.objects.get_or_create(name="Editors")
    Group.objects.get_or_create(name="Moderators")
    set_up_editorial_groups(django_apps)
    translators = importlib.import_module("pages.migrations.0004_translators_group")
    translators.create_translators(django_apps, None)
    call_command("load_site_content", stdout=io.StringIO())
    Site.objects.update(hostname="localhost")
    people = {}
    for username, group in [
        ("editor", "Editors"),
        ("moderator", "Moderators"),
        ("traductora", "Translators"),
    ]:
        user = django_user_model.objects.create_user(
            username, f"{username}@inpud.example", PASSWORD
        )
        user.groups.add(Group.objects.get(name=group))
        TOTP_SECRETS[username] = add_authenticator_app(user)
        people[username] = user
    return people
