"""Receivers for allauth's MFA signals."""

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver


@receiver(authenticator_added)
def count_set_up_as_second_factor(sender, request, user, authenticator, **kwargs):
    """Setting up an authenticator proves its possession (a TOTP code was entered, a key
    was touched): the session that did it, already signed in with the password, has
    used a second factor, as allauth records after a sign-in's second step. Recorded
    as a fresh confirmation too, so the recovery codes that follow show at once."""
    record_authentication(
        request, user, "mfa", id=authenticator.pk, type=authenticator.type, reauthenticated=True
    )
