"""The second step of sign-in, counted by django-axes like the first.

allauth limits wrong codes with its own `login_failed` rate limit; this site gives that
one to django-axes (settings: ACCOUNT_RATE_LIMITS), so a wrong code counts as a failed
sign-in for the username and address, with the same limits and the same lockout page as
a wrong password (hosting/lockout.py)."""

from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class LockoutCountedAuthenticateForm(AuthenticateForm):
    def clean_code(self):
        request = context.request
        credentials = {"username": self.user.get_username()}
        if settings.AXES_ENABLED and not AxesProxyHandler.is_allowed(request, credentials):
            request.axes_locked_out = True  # axes' middleware answers with the lockout page
            raise ValidationError(_("Sign-in locked."))
        try:
            return super().clean_code()
        except ValidationError:
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            raise
