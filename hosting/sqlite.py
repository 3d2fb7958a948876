"""SQLite behind a web server: which requests take the write lock when they begin.

Every request is one transaction (ATOMIC_REQUESTS), and SQLite lets one connection write
at a time. A transaction that began by reading cannot wait for the write lock once it
wants to write: SQLite refuses at once ("database is locked") rather than risk a
deadlock. So every SQLite transaction begins IMMEDIATE (settings: OPTIONS
"transaction_mode"), taking the write lock first and waiting its turn for it ("timeout"):
the admin, sign-in, management commands and tasks alike.

Visitors' reads are the exception, made here. With write-ahead logging a reader never
waits for the writer, so a visitor's uncached page that queued for the write lock would
wait for nothing but the lock. A request is a visitor's read when it is a GET or HEAD
outside the admin. The admin takes the lock whatever the method, because its own GETs
write: the page editor records an editing session each time it opens. Nothing a visitor's
read does writes (tests/test_visitors_do_not_write.py); if something ever did, it would
meet the busy page (hosting.busy) under load, never a half-saved change.
"""

from django.conf import settings
from django.db import connection

READ_METHODS = {"GET", "HEAD"}


def is_visitors_read(request):
    return request.method in READ_METHODS and not request.path.startswith(
        settings.ADMIN_PATH_PREFIXES
    )


class DeferredVisitorReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if connection.vendor != "sqlite" or not is_visitors_read(request):
            return self.get_response(request)
        # Django's SQLite backend reads `transaction_mode` when the request's transaction
        # begins, and sets it again from OPTIONS when it connects: so connect first. Should
        # that ever change, visitors' reads would take the lock too: slower, never wrong.
        connection.ensure_connection()
        configured = connection.transaction_mode
        connection.transaction_mode = None  # a plain BEGIN: deferred, SQLite's default
        try:
            return self.get_response(request)
        finally:
            connection.transaction_mode = configured
