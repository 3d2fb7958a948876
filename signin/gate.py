"""The second factor is required for everyone who can reach the admin.

allauth asks for a second factor at sign-in only from users who have one, and does not
make anybody set one up. This middleware closes both gaps for every admin URL: a user
who can reach the admin and has no authenticator app or security key is sent to set one
up before any admin page opens; a session that was not completed with a second factor
(one from before this gate, or from any other way in) is signed out and sent to sign in.
With SUPERUSERS_REQUIRE_SECURITY_KEY, superusers must use a security key or passkey.
"""

from allauth.account.internal.flows.login import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

STAFF_PATH_PREFIXES = ("/admin/", "/django-admin/")
# What the sign-in pages themselves load from the admin (they use its look): its icons and
# its interface translations, the same for everyone.
OPEN_ADMIN_URL_NAMES = ("wagtailadmin_sprite", "wagtailadmin_javascript_catalog")
FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


def can_reach_admin(user):
    return user.is_authenticated and (
        user.is_superuser or user.is_staff or user.has_perm("wagtailadmin.access_admin")
    )


def needs_security_key(user):
    return user.is_superuser and settings.SUPERUSERS_REQUIRE_SECURITY_KEY


def second_factors_used(request):
    """The kinds of second factor ("totp", "webauthn", "recovery_codes") this session was
    signed in with, from allauth's record of the session's authentications."""
    return {
        record.get("type")
        for record in get_authentication_records(request, request.user)
        if record.get("method") == "mfa"
    }


def sign_in_again(request, message):
    logout(request)
    messages.warning(request, message)
    return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)


def refusal(request):
    """None when the request may go on to the admin; otherwise where to send it."""
    user = request.user
    if needs_security_key(user):
        if not is_mfa_enabled(user, [Authenticator.Type.WEBAUTHN]):
            return redirect("mfa_add_webauthn")
        if Authenticator.Type.WEBAUTHN not in second_factors_used(request):
            return sign_in_again(request, _("Superusers sign in with their security key."))
        return None
    if not is_mfa_enabled(user, FACTORS):
        return redirect("mfa_activate_totp")
    if not second_factors_used(request):
        return sign_in_again(request, _("Sign in with your password and your second factor."))
    return None


class SecondFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path_info.startswith(STAFF_PATH_PREFIXES)
            and request.path_info not in {reverse(name) for name in OPEN_ADMIN_URL_NAMES}
            and can_reach_admin(request.user)
        ):
            response = refusal(request)
            if response is not None:
                return response
        return self.get_response(request)
