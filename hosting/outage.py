"""A friendly 503 page when the database cannot be reached, instead of a 500.

Django sends every unhandled exception (from views and middleware alike) to handler500
while the exception is still being handled, so the handler can tell a database outage
from a bug. The page is rendered without a request context: no database, no session.
Any other error, a database error included (a query the database refuses, a value out of
range), is a bug: the plain 500 page, and Django logs it with its traceback.
"""

import sqlite3
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

from hosting import busy

RETRY_AFTER_SECONDS = 30

# PostgreSQL's SQLSTATEs for a server that is down, going down, starting, or full of
# connections; the class 08 (connection exceptions) is matched by its prefix.
POSTGRESQL_UNREACHABLE = {"57P01", "57P02", "57P03", "57P05", "53300"}
# SQLite's (primary) result codes for a database file that cannot be opened or read.
SQLITE_UNREACHABLE = {sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR}


def is_outage(error):
    """Whether `error` means the database cannot be reached (refused or lost connection,
    server shutting down or starting, an SQLite file that cannot be opened): visitors
    should come back soon. A syntax error, a bad value, a missing column are not."""
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__  # the driver's own exception, which Django wraps
    if isinstance(cause, sqlite3.Error):
        return (getattr(cause, "sqlite_errorcode", 0) & 0xFF) in SQLITE_UNREACHABLE
    if hasattr(cause, "sqlstate"):  # psycopg's errors
        # psycopg gives no SQLSTATE when it could not talk to the server at all.
        sqlstate = cause.sqlstate
        return sqlstate is None or sqlstate.startswith("08") or sqlstate in POSTGRESQL_UNREACHABLE
    return False


def server_error(request):
    if busy.is_lock_conflict(sys.exception()):  # outside a view: whether it saved is unknown
        return busy.busy_response(request, rolled_back=False)
    if is_outage(sys.exception()):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))
