"""A friendly 503 page when the database is unreachable, instead of a 500.

Django sends every unhandled exception (from views and middleware alike) to handler500
while the exception is still being handled, so the handler can tell a database outage
from a bug. The page is rendered without a request context: no database, no session.
"""

import sys

from django.db import DatabaseError, InterfaceError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

from hosting import busy

RETRY_AFTER_SECONDS = 30


def server_error(request):
    if busy.is_lock_conflict(sys.exception()):  # outside a view: whether it saved is unknown
        return busy.busy_response(request, rolled_back=False)
    if isinstance(sys.exception(), DatabaseError | InterfaceError):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.render_to_string("500.html"))
