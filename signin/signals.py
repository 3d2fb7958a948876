"""The set-up of a second factor counts as the session's second factor."""

from allauth.account.internal.flows.login import record_authentication
from allauth.core import context
from allauth.mfa.models import Authenticator
from django.db.models.signals import post_save
from django.dispatch import receiver

FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


@receiver(post_save, sender=Authenticator)
def count_set_up_as_second_factor(sender, instance, created, **kwargs):
    """Setting up an authenticator proves its possession (a TOTP code was entered, a key
    was touched): the session that did it, already signed in with the password, has used
    a second factor, as allauth records after a sign-in's second step; recorded as a
    fresh confirmation too, so the recovery codes that follow show at once. (allauth's
    own authenticator_added signal comes after the request's commit, when the session
    may already be saved: this runs in the request, as the authenticator is saved.)"""
    request = context.request  # the request allauth is serving, if any
    if not created or instance.type not in FACTORS or request is None:
        return
    if request.user.is_authenticated and request.user.pk == instance.user_id:
        record_authentication(
            request, request.user, "mfa", id=instance.pk, type=instance.type, reauthenticated=True
        )
