"""allauth's account adapter for a site whose accounts superusers create."""

from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.urls import reverse


class StaffAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        """Nobody signs up: a superuser creates each account (Settings › Users)."""
        return False

    def get_reset_password_from_key_url(self, key):
        """The link in a password reset e-mail uses the site's configured address
        (WAGTAILADMIN_BASE_URL), never the Host header of whoever asked for the reset."""
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        path = path.replace("UID-KEY", quote(key))
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path

    def is_reauthentication_required(self, *, app, **kwargs):
        """allauth asks for the password again before any change to second factors. At
        first sign-in, just after the password, that would ask for it twice in a row:
        someone with no authenticator app or key yet sets one up without it."""
        user = context.request.user
        factors = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        if app == "allauth.mfa" and user.is_authenticated and not is_mfa_enabled(user, factors):
            return False
        return super().is_reauthentication_required(app=app, **kwargs)
