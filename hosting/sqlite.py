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


# The search index's shape, as SQLite's query planner must see it (sqlite_stat1): many
# entries per content type. Without statistics (a database never analysed) or with those
# of a young site, the planner reads a search as "every index entry of this model, then
# the full-text match for each", which costs a full-text match per publication (about
# 20 ms a search at 500 publications, 0.03 ms the other way round); told that a content
# type has many entries, it runs the match first and looks its few entries up.
SEARCH_INDEX_TABLE = "wagtailsearch_indexentry"
SEARCH_INDEX_ROWS, ROWS_PER_CONTENT_TYPE = 1_000_000, 100_000


def describe_search_index(connection):
    """Write the search index's shape into SQLite's statistics (prepare_database runs this
    at every start, so an ANALYZE of a small site cannot leave a bad plan for long)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE sqlite_schema")  # creates sqlite_stat1 if it is missing
        cursor.execute(f"PRAGMA index_list('{SEARCH_INDEX_TABLE}')")
        for _seq, index, *_rest in cursor.fetchall():
            cursor.execute(f"PRAGMA index_info('{index}')")
            columns = [row[2] for row in cursor.fetchall()]
            if columns[:1] != ["content_type_id"]:
                continue
            counts = [SEARCH_INDEX_ROWS, ROWS_PER_CONTENT_TYPE] + [1] * (len(columns) - 1)
            cursor.execute(
                "DELETE FROM sqlite_stat1 WHERE tbl = %s AND idx = %s", [SEARCH_INDEX_TABLE, index]
            )
            cursor.execute(
                "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (%s, %s, %s)",
                [SEARCH_INDEX_TABLE, index, " ".join(map(str, counts))],
            )
        cursor.execute("ANALYZE sqlite_schema")  # the planner reads the statistics again
