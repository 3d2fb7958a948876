"""Two requests wanting the database at once (issue 21): SQLite's settings, who waits for
the write lock, and what an editor sees when their save waited too long.

The suite's SQLite database lives in memory, where connections do not lock each other as
files do. Tests about locks therefore copy it into a file and run the site's own SQLite
settings on that, with a one-second wait for the lock; on PostgreSQL they use the suite's
database with a one-second `lock_timeout`. Another connection holds the lock meanwhile.
"""

import contextlib
import os
import sqlite3
import subprocess
import sys
import time

import psycopg
import pytest
from django.db import DEFAULT_DB_ALIAS, OperationalError, connection, connections
from django.test import RequestFactory
from wagtail.test.utils.form_data import querydict_from_html
from wagtail.users.models import UserProfile

from harness.edit_form import form_action, form_data_as_submitted
from harness.servers import PROJECT, subprocess_env
from hosting.outage import server_error

LOCK_WAIT_SECONDS = 1
# Requests commit for real here; each test starts again from what migrations made.
commits = pytest.mark.django_db(transaction=True, serialized_rollback=True)
on_sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's own locking: this suite runs on PostgreSQL"
)


@contextlib.contextmanager
def sqlite_in_a_file(path):
    """The suite's in-memory database copied into `path`, used by the site meanwhile."""
    in_memory = connections[DEFAULT_DB_ALIAS]
    in_memory.ensure_connection()
    with contextlib.closing(sqlite3.connect(path)) as copy:
        in_memory.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=WAL")  # as the site's first connection leaves it
    options = {**in_memory.settings_dict["OPTIONS"], "timeout": LOCK_WAIT_SECONDS}
    in_a_file = type(in_memory)(
        {**in_memory.settings_dict, "NAME": str(path), "OPTIONS": options}, DEFAULT_DB_ALIAS
    )
    connections[DEFAULT_DB_ALIAS] = in_a_file
    try:
        yield
    finally:
        in_a_file.close()
        connections[DEFAULT_DB_ALIAS] = in_memory


@contextlib.contextmanager
def another_transaction_holding_the_lock(user):
    """Another connection in the middle of a write, holding the lock the editor's saves
    need: SQLite's one write lock; on PostgreSQL, the editor's own account row, which
    every revision and editing session refers to."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        other = sqlite3.connect(settings["NAME"], isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # SQLite's one write lock
    else:
        credentials = {"user": settings["USER"], "host": settings["HOST"]}
        credentials |= {"port": settings["PORT"], "password": settings["PASSWORD"]}
        other = psycopg.connect(
            dbname=settings["NAME"], **{k: v for k, v in credentials.items() if v}
        )
        # Should the test fail midway, PostgreSQL lets go of the lock by itself.
        other.execute("SET idle_in_transaction_session_timeout = '20s'")
        other.execute("SELECT id FROM auth_user WHERE id = %s FOR UPDATE", [user.pk])
    try:
        yield
    finally:
        other.rollback()
        other.close()


@pytest.fixture
def editor(admin_client, admin_user):
    """A superuser whose admin speaks French."""
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "fr"
    profile.save()
    return admin_client


@pytest.fixture
def short_lock_wait(about_tree, editor, tmp_path):
    """The site's database, waiting LOCK_WAIT_SECONDS for a lock before it gives up."""
    if connection.vendor == "sqlite":
        with sqlite_in_a_file(tmp_path / "db.sqlite3"):
            yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET lock_timeout = '{LOCK_WAIT_SECONDS}s'")
    yield
    with connection.cursor() as cursor:
        cursor.execute("RESET lock_timeout")


@commits
def test_a_save_that_waited_too_long_is_refused_whole_and_kept_to_send_again(
    editor, admin_user, about_tree, short_lock_wait
):
    aims = about_tree["aims"]
    edit_form = editor.get(f"/admin/pages/{aims.pk}/edit/").content.decode()
    data = form_data_as_submitted(edit_form, type(aims))
    data["title"] = "Typed while the site was busy"
    data["action-publish"] = "action-publish"
    revisions = aims.revisions.count()

    with another_transaction_holding_the_lock(admin_user):
        started = time.monotonic()
        busy = editor.post(form_action(edit_form), data)
        waited = time.monotonic() - started

    # A clear answer, in the editor's language: not an outage page, not a 500.
    page = busy.content.decode()
    assert busy.status_code == 503
    assert busy["Retry-After"] == "5"
    assert busy["Cache-Control"] == "no-store"
    assert waited >= LOCK_WAIT_SECONDS  # it waited its turn first
    assert '<html lang="fr"' in page
    assert "Le site était occupé" in page
    assert "Rien n’en a été enregistré." in page
    # Nothing of it was saved.
    aims.refresh_from_db()
    assert aims.title != "Typed while the site was busy"
    assert aims.revisions.count() == revisions
    # What the editor typed is in the page; sending it again publishes it.
    kept = querydict_from_html(page, exclude_csrf=False)
    assert kept["title"] == "Typed while the site was busy"
    sent_again = editor.post(f"/admin/pages/{aims.pk}/edit/", kept)
    assert sent_again.status_code == 302
    aims.refresh_from_db()
    assert aims.live and aims.title == "Typed while the site was busy"
    assert aims.revisions.count() == revisions + 1


@commits
def test_the_admins_background_requests_are_told_in_json(
    editor, admin_user, about_tree, short_lock_wait
):
    aims = about_tree["aims"]
    editor.get(f"/admin/pages/{aims.pk}/edit/")

    with another_transaction_holding_the_lock(admin_user):
        ping = editor.post(
            f"/admin/editing-sessions/ping/wagtailcore/page/{aims.pk}/0/",
            {"is_editing": "1"},
            HTTP_ACCEPT="application/json",
        )

    assert ping.status_code == 503
    assert ping.json() == {
        "success": False,
        "error_code": "busy",
        "error_message": "Le site était occupé : rien n’a été enregistré. Réessayez.",
    }


@commits
@on_sqlite_only
def test_visitors_read_while_an_editor_holds_the_write_lock_and_the_admin_waits(
    client, editor, admin_user, about_tree, short_lock_wait
):
    with another_transaction_holding_the_lock(admin_user):
        started = time.monotonic()
        visitor = client.get("/en/about/aims/?while-an-editor-saves")
        visitor_seconds = time.monotonic() - started
        dashboard = editor.get("/admin/")

    # A visitor's read begins deferred: it reads the last committed version at once.
    assert visitor.status_code == 200
    assert visitor_seconds < LOCK_WAIT_SECONDS
    # The admin takes the write lock whatever the method (its GETs write too): it waited.
    assert dashboard.status_code == 503
    assert "Veuillez réessayer dans un instant." in dashboard.content.decode()
    assert 'href="/admin/"' in dashboard.content.decode()  # "Try again"


@commits
@on_sqlite_only
def test_a_lock_timeout_outside_a_view_is_the_busy_page_without_a_promise(
    rf: RequestFactory, admin_user, short_lock_wait
):
    with another_transaction_holding_the_lock(admin_user):
        try:
            with connection.cursor() as cursor:
                cursor.execute("UPDATE wagtailcore_page SET title = title")
        except OperationalError:
            response = server_error(rf.post("/admin/pages/1/edit/", {"title": "x"}))

    assert response.status_code == 503
    assert b"The site was too busy to answer in time." in response.content
    assert b"Nothing of it has been saved" not in response.content  # it cannot know
    assert b'type="hidden"' not in response.content


def test_other_database_errors_do_not_get_the_busy_page(rf: RequestFactory):
    """The control: only a lock conflict means "busy, send it again"."""
    try:
        raise OperationalError("no such table: pages_homepage")
    except OperationalError:
        response = server_error(rf.post("/admin/pages/1/edit/", {"title": "x"}))

    assert response.status_code >= 500
    assert b"The site was busy" not in response.content
    assert b"busy" not in response.content


SETTINGS_PROBE = """
import os, stat
from django.db import connection
with connection.cursor() as cursor:
    pragmas = [cursor.execute(f"PRAGMA {name}").fetchone()[0]
               for name in ("journal_mode", "synchronous", "busy_timeout")]
    cursor.execute("CREATE TABLE probe (x)")
    name = connection.settings_dict["NAME"]
    modes = [oct(stat.S_IMODE(os.stat(name + suffix).st_mode)) for suffix in ("", "-wal", "-shm")]
print(*pragmas, connection.transaction_mode, *modes)
"""


def test_sqlite_connections_log_ahead_wait_20_seconds_and_take_the_lock_first(tmp_path):
    """As `make run`, `make serve` and the image connect (the site's own settings). The
    write-ahead log's two files get the database file's permissions, whatever the umask."""
    database = tmp_path / "db.sqlite3"
    database.touch(mode=0o600)  # an empty file is an empty SQLite database
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SETTINGS_PROBE],
        cwd=PROJECT,
        env=subprocess_env(
            DJANGO_SETTINGS_MODULE="inpud.settings", DATABASE_URL=f"sqlite:///{database}"
        ),
        preexec_fn=lambda: os.umask(0o022),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    assert result.stdout.splitlines()[-1].split() == [
        "wal",
        "1",
        "20000",
        "IMMEDIATE",
        "0o600",
        "0o600",
        "0o600",
    ]
