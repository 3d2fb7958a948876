import itertools
import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Collection, Locale, Page, Site

from tests.browser import SAVED_SCREENSHOTS
from tests.factories import (
    AboutPageFactory,
    AimsPageFactory,
    GovernancePageFactory,
    HomePageFactory,
    PrinciplesPageFactory,
)


def require(available: bool, reason: str):
    """Skip a test whose service or browser is missing, loudly; in CI, fail instead."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI requires this: {reason}")
    pytest.skip(f"SKIPPED LOCALLY, REQUIRED IN CI: {reason}")


@pytest.fixture(autouse=True)
def empty_cache():
    """The page cache outlives each test's database rollback: start every test empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def render_queries(client):
    """render_queries(path): SQL queries of one render of path that misses the page cache,
    on a warm site: after a first request has filled what is shared by all pages (Wagtail's
    site root paths, the footer fragment), the same page under a host port the page
    cache has never seen (it keys on the host; a query string it ignores unless the page
    reads it: pages/query_rules.py). Savepoints are left out: they come from the test's
    own transaction around the request's (ATOMIC_REQUESTS), not from the page."""
    unseen = itertools.count(20_000)

    def count(path):
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, HTTP_HOST=f"localhost:{next(unseen)}")
        assert response.status_code == 200
        assert response["X-Page-Cache"] == "miss"
        return sum(1 for q in queries if "SAVEPOINT" not in q["sql"])

    return count


@pytest.fixture(autouse=True)
def default_language():
    """A request leaves its language active in the thread (Django does not reset it), so a
    message made in code after a visit to /ru/ would be in Russian: start each test in the
    default language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def restore_migration_data(languages):
    """A transactional test starts from a flushed database: put back what migrations made
    (the locales, the root collection, the root page), with no site and no page under the
    root yet. Returns the root page."""
    for code in languages:
        Locale.objects.get_or_create(language_code=code)
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    Site.objects.all().delete()
    for placeholder in root.get_children():
        placeholder.delete()
    return root


@pytest.fixture
def home(db):
    """The English home page as the default site's root, as load_site_content makes it
    (also in a transactional test that runs after another one flushed the database)."""
    root = restore_migration_data([code for code, _name in settings.LANGUAGES])
    home = HomePageFactory(parent=root)
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


@pytest.fixture
def about_tree(home):
    """Home > About > Aims, Principles, Governance, all live."""
    about = AboutPageFactory(parent=home)
    return {
        "home": home,
        "about": about,
        "aims": AimsPageFactory(parent=about),
        "principles": PrinciplesPageFactory(parent=about),
        "governance": GovernancePageFactory(parent=about),
    }


def pytest_terminal_summary(terminalreporter):
    """Where the browser tests' screenshots are, for whoever reads the log (CI included)."""
    if SAVED_SCREENSHOTS:
        terminalreporter.section("screenshots of the browser journeys")
        for path in SAVED_SCREENSHOTS:
            terminalreporter.write_line(str(path))
