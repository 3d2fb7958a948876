"""The answer when the database was too busy to take a change: nothing saved, nothing lost.

A request that waited its whole turn for the write lock (SQLite's busy timeout, see
settings), or that PostgreSQL stopped because it deadlocked with another, has been rolled
back whole (ATOMIC_REQUESTS): nothing of it is saved, and nobody did anything wrong. That
is not an outage either (hosting.outage). The editor gets a 503 in their admin language
that says so, with what they sent kept in the page, to send again with one button.
"""

import logging

from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
# PostgreSQL's "rolled back, try again": serialization failure, deadlock, lock wait timeout.
POSTGRESQL_CONFLICTS = {"40001", "40P01", "55P03"}


def is_lock_conflict(exception):
    """A database error that means another transaction had the lock: not a fault, not an outage."""
    if not isinstance(exception, DatabaseError):
        return False
    cause = exception.__cause__  # Django raises its own error from the driver's
    name = getattr(cause, "sqlite_errorname", "")  # "database is locked" is SQLITE_BUSY
    return (
        name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED"))
        or getattr(cause, "sqlstate", None) in POSTGRESQL_CONFLICTS
    )


def editors_language(request):
    """The language the admin speaks to this editor (their Wagtail account setting)."""
    user = getattr(request, "user", None)
    try:
        if user is not None and user.is_authenticated and hasattr(user, "wagtail_userprofile"):
            return user.wagtail_userprofile.get_preferred_language()
    except DatabaseError:
        pass
    return translation.get_language()


def busy_response(request, *, rolled_back=True):
    """503 with Retry-After. `rolled_back`: this request's transaction is known to have been
    rolled back (the view raised), so nothing of it was saved and it may be sent again."""
    sent = request.method == "POST"
    fields = [
        (name, value)
        for name, values in (request.POST.lists() if sent else [])
        for value in values
        if name != "csrfmiddlewaretoken"  # the page brings a fresh one
    ]
    # Files cannot be put back into a page, and passwords are never written into one.
    can_send_again = not request.FILES and not any("password" in name for name, _ in fields)
    with translation.override(editors_language(request)):
        if not request.accepts("text/html"):  # the admin's background requests (JSON)
            response = JsonResponse(
                {
                    "success": False,
                    "error_code": "busy",
                    "error_message": gettext("The site was busy: nothing was saved. Try again."),
                },
                status=503,
            )
        else:
            context = {
                "rolled_back": rolled_back and sent,
                "can_send_again": can_send_again,
                "fields": fields if can_send_again else [],
                "action": request.get_full_path(),
                "retry_url": request.get_full_path() if request.method == "GET" else "",
            }
            page = render_to_string("hosting/busy.html", context, request=request)
            response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class BusyDatabaseMiddleware:
    """A lock conflict raised by a view, whose transaction Django has just rolled back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_lock_conflict(exception):
            return None
        logger.warning(
            "The database was busy: %s %s was rolled back (%s)",
            request.method,
            request.path,
            exception,
        )
        return busy_response(request)
