"""Removing a staff member's second factors when their phone or key is lost.

Only a superuser does it, and every removal is written to Wagtail's audit log (Reports ›
Site history, visible to superusers) as "Second factor removed": who removed it, for
whom, when. The user's sessions end; at the next sign-in the password leads them to set
up a new factor (signin.gate) before any admin page opens."""

from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import transaction
from wagtail.log_actions import log

REMOVED = "inpud.second_factor_removed"


@transaction.atomic
def remove_second_factors(user, *, by):
    """Delete every authenticator of `user` (app, keys, recovery codes), end their
    sessions, and log who did it. Returns the kinds removed, e.g. ["recovery_codes",
    "totp"]."""
    if not (by and by.is_superuser):
        raise PermissionDenied("Only a superuser can remove a second factor.")
    authenticators = Authenticator.objects.filter(user=user)
    kinds = sorted(set(authenticators.values_list("type", flat=True)))
    authenticators.delete()
    end_sessions_of(user)
    log(instance=user, action=REMOVED, user=by, data={"removed": kinds})
    return kinds


def end_sessions_of(user):
    user_id = str(user.pk)
    stale = [
        session.pk
        for session in Session.objects.all().iterator()
        if session.get_decoded().get("_auth_user_id") == user_id
    ]
    Session.objects.filter(pk__in=stale).delete()


def user_named(username):
    return get_user_model().objects.get_by_natural_key(username)
