import contextlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import translation
from wagtail.models import Collection, Locale, Page, Site

from harness.servers import SHARED_FOLDER_VARIABLE
from harness.services import drop_seeded_template
from hosting import page_cache
from tests.browser import SAVED_SCREENSHOTS
from tests.factories import (
    AboutPageFactory,
    AimsPageFactory,
    GovernancePageFactory,
    HomePageFactory,
    PrinciplesPageFactory,
)
from tests.second_factor import StaffClient


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On SQLite, each worker's test database is a file (in memory where /dev/shm is), as
    in production: Django would otherwise give the live server's threads the test's own
    in-memory connection, and a browser's last request (an admin autosave) could then
    change that connection's transaction state under the next test."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        yield
        return
    shm = Path("/dev/shm")  # noqa: S108 (mkdtemp makes a private folder in it)
    folder = Path(
        tempfile.mkdtemp(prefix="inpud-test-db-", dir=shm if os.access(shm, os.W_OK) else None)
    )
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")
    yield
    shutil.rmtree(folder, ignore_errors=True)


def require(available: bool, reason: str):
    """Skip a test whose service or browser is missing, loudly; in CI, fail instead."""
    if available:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI requires this: {reason}")
    pytest.skip(f"SKIPPED LOCALLY, REQUIRED IN CI: {reason}")


DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_setup"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark `database` every test that opens the suite's database (DATABASE_URL): CI's
    PostgreSQL pass runs those (`-m database`). The others give the same result on either
    pass: they read files, or start servers on SQLite or databases of their own (the
    production tests cover both databases in the first pass)."""
    # A test that migrates the database back and forth leaves it unlike what the others'
    # serialized rollback expects: it runs after every other test that uses the database.
    items.sort(key=lambda item: item.get_closest_marker("migrates") is not None)
    kinds = {}
    for item in items:
        if item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.database)
        marker = item.get_closest_marker("django_db")
        if is_transactional(item) and not (marker and marker.kwargs.get("serialized_rollback")):
            # Every transactional test puts back what migrations made (with their ids)
            # before it runs, and leaves the database empty without making content types
            # anew (new ids would clash with the next one's): none depends on the order.
            kwargs = {**(marker.kwargs if marker else {}), "transaction": True}
            item.add_marker(pytest.mark.django_db(**kwargs, serialized_rollback=True), False)
        group = xdist_group(item)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))
            kinds.setdefault(group, set()).add(is_transactional(item))
    # pytest-django runs the other database tests before the transactional ones (which leave
    # the database empty), and a worker takes its groups in that order: a group holding both
    # kinds would run some of its other tests after a flush.
    mixed = sorted(group for group, kind in kinds.items() if len(kind) > 1)
    if mixed:
        raise pytest.UsageError(f"groups mixing transactional and other tests: {mixed}")


def is_transactional(item):
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server"} & set(item.fixturenames))


def xdist_group(item):
    """Which tests `make test`'s workers (pytest-xdist, --dist loadgroup) keep together:
    those sharing a module-scoped fixture (a production server, data kept for the module),
    so it is made once. Any other test goes to whichever worker is free; each worker has
    its own test database and live server, and every transactional test starts from what
    migrations made (serialized rollback, above), so none depends on which ran before."""
    for definitions in item._fixtureinfo.name2fixturedefs.values():
        if any(definition.scope in {"module", "package"} for definition in definitions):
            return item.module.__name__
    return None


@pytest.fixture
def client():
    """pytest-django's test client, whose force_login signs staff in as the site does:
    password and second factor (tests/second_factor.py), so admin pages open."""
    return StaffClient()


@pytest.fixture
def admin_client(admin_user):
    """pytest-django's admin_client, signed in with a second factor like client above."""
    staff = StaffClient()
    staff.force_login(admin_user)
    return staff


@pytest.fixture(autouse=True)
def empty_cache():
    """The page cache outlives each test's database rollback: start every test empty."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def render_queries(client):
    """render_queries(path): SQL queries of one render of path that misses the page cache,
    on a warm site: after a first request on an empty cache has filled what is shared by
    all pages (Wagtail's site root paths, the footer fragment), the same page, none of
    whose own parts is remembered (its route, navigation and publications: `remembered`
    in hosting/page_cache.py), as after a published change. The first request renders as
    the static mirror's build does, which neither reads nor stores the page or its parts.
    Savepoints are left out: they come from the test's own transaction around the
    request's (ATOMIC_REQUESTS), not from the page."""

    def count(path):
        cache.clear()
        client.get(path, **{page_cache.BYPASS_ENVIRON_KEY: True})
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
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


@contextlib.contextmanager
def kept_for_the_module(django_db_blocker, media_folder):
    """Data made once for the tests of a module (in a module-scoped fixture) rather than
    once per test: made in a transaction that stays open until the module's last test, in
    which each test's own transaction nests as a savepoint, then rolled back; its files
    in media_folder (tests then use it as MEDIA_ROOT). Not for transactional tests."""
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media_folder),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)


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


def make_home():
    """The English home page as the default site's root, as load_site_content makes it
    (also in a transactional test that runs after another one flushed the database)."""
    root = restore_migration_data([code for code, _name in settings.LANGUAGES])
    home = HomePageFactory(parent=root)
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    return home


@pytest.fixture
def home(db):
    return make_home()


def make_about_tree(home):
    """Home > About > Aims, Principles, Governance, all live."""
    about = AboutPageFactory(parent=home)
    return {
        "home": home,
        "about": about,
        "aims": AimsPageFactory(parent=about),
        "principles": PrinciplesPageFactory(parent=about),
        "governance": GovernancePageFactory(parent=about),
    }


@pytest.fixture
def about_tree(home):
    return make_about_tree(home)


def pytest_configure(config):
    """One folder for the production servers' shared start (harness/servers.py), made by the
    run's main process: pytest-xdist's workers inherit its environment."""
    if not hasattr(config, "workerinput"):
        os.environ[SHARED_FOLDER_VARIABLE] = tempfile.mkdtemp(prefix="inpud-servers-")


def pytest_unconfigure(config):
    if not hasattr(config, "workerinput"):
        drop_seeded_template()
        shutil.rmtree(os.environ.pop(SHARED_FOLDER_VARIABLE, ""), ignore_errors=True)


def pytest_terminal_summary(terminalreporter):
    """Where the browser tests' screenshots are, for whoever reads the log (CI included)."""
    if SAVED_SCREENSHOTS:
        terminalreporter.section("screenshots of the browser journeys")
        for path in SAVED_SCREENSHOTS:
            terminalreporter.write_line(str(path))
