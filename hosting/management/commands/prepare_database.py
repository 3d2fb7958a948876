"""Bring the database up to date before serving: migrations, first content, old-site
redirects, and on SQLite the search index's shape for its query planner (hosting/sqlite.py).
Safe when several app servers start at once: on PostgreSQL a session-level
advisory lock lets one of them do the work while the others wait, then find nothing
left to do. (On SQLite, which only one machine can use, a lock file does the same.)
"""

import contextlib
import fcntl
import time
import zlib
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

from hosting.sqlite import describe_search_index

LOCK_KEY = zlib.crc32(b"inpud:prepare_database")


@contextlib.contextmanager
def exclusive_database_lock(stdout):
    started = time.monotonic()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        stdout.write(f"Database lock taken after {time.monotonic() - started:.1f} s.")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
    else:
        name = str(settings.DATABASES["default"]["NAME"])
        lock_path = Path(name + ".lock") if name != ":memory:" else Path("/tmp/inpud-db.lock")  # noqa: S108
        with lock_path.open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            stdout.write(f"Database lock taken after {time.monotonic() - started:.1f} s.")
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


class Command(BaseCommand):
    help = "Migrate, load first content and redirects, once even when several servers start."

    def handle(self, *args, **options):
        with exclusive_database_lock(self.stdout):
            call_command("migrate", interactive=False, verbosity=options["verbosity"])
            call_command("load_site_content")
            call_command("load_redirects")
            describe_search_index(connection)
