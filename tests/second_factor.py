"""Staff's second factor in tests: authenticators made through allauth's own API (codes:
harness/totp.py), and a test client whose force_login leaves the session as a full sign-in
(password, then second factor) does."""

import time

from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client


def add_authenticator_app(user) -> str:
    """Give `user` a TOTP authenticator and recovery codes, as set-up does; returns the
    TOTP secret."""
    secret = generate_totp_secret()
    totp = TOTP.activate(user, secret).instance
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES):
        RecoveryCodes.activate(user)
    user.totp_secret = secret
    user.totp_authenticator = totp
    return secret


def recovery_codes(user) -> list[str]:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES)
    return authenticator.wrap().get_unused_codes()


def mark_signed_in_with_second_factor(session, user, authenticator):
    """allauth's record of a completed sign-in: password, then the second factor."""
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "username": user.get_username()},
        {"method": "mfa", "at": now, "id": authenticator.pk, "type": authenticator.type},
    ]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()


class StaffClient(Client):
    """force_login() as a real sign-in leaves things: the user has an authenticator app
    (made here if they have none) and the session records that it was used."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        authenticator = Authenticator.objects.filter(
            user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        ).first()
        if authenticator is None:
            add_authenticator_app(user)
            authenticator = user.totp_authenticator
        mark_signed_in_with_second_factor(self.session, user, authenticator)
