"""Permissions-Policy: the site's policy everywhere, but WebAuthn on the sign-in pages.

The site switches off what it never uses (settings.PERMISSIONS_POLICY), WebAuthn's
`publickey-credentials-get` and `-create` included. The sign-in and second-factor pages
(/accounts/) need them, for the site itself only, so that security keys and passkeys
work: they get PERMISSIONS_POLICY_SIGN_IN instead."""

from django.conf import settings
from django_permissions_policy import PermissionsPolicyMiddleware


class SignInPagesPolicyMiddleware:
    """Below django-permissions-policy's middleware, which sends the override."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.sign_in_policy = PermissionsPolicyMiddleware.compute_header_value(
            settings.PERMISSIONS_POLICY_SIGN_IN, name="PERMISSIONS_POLICY_SIGN_IN"
        )

    def __call__(self, request):
        response = self.get_response(request)
        if request.path_info.startswith(settings.SIGN_IN_PATH_PREFIX):
            response._permissions_policy_override = self.sign_in_policy
        return response
