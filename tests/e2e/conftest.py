"""Browser tests in Debian's chromium through Playwright (no browser download)."""

import os
import shutil

import pytest

from tests.conftest import require

# Playwright's sync API keeps an event loop in the test thread for the whole session; the
# tests' own ORM calls are still synchronous and safe. Subprocesses the tests start leave
# this variable out (tests/servers.py: subprocess_env).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require(os.path.exists(CHROMIUM), "Debian's chromium (apt-get install -y chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


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
