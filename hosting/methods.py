"""Only the HTTP methods the site uses are answered; anything else is 405, everywhere.

Visitors read (GET, HEAD) and send the few forms the site has (POST: a page's or a
collection's password, the admin's sign-in). The admin's own scripts also PUT, PATCH and
DELETE (wagtail-localize saves and reverts translated strings that way; previews are
cleared with DELETE). TRACE, TRACK, CONNECT, OPTIONS and invented methods reach no view,
so no route can reflect a request back or answer in a way nobody checked. Placed first,
this covers /healthz, static files (whitenoise), media and documents too.
"""

from django.conf import settings
from django.http import HttpResponseNotAllowed

PUBLIC_METHODS = ("GET", "HEAD", "POST")
ADMIN_METHODS = (*PUBLIC_METHODS, "PUT", "PATCH", "DELETE")


def allowed_methods(path):
    # The sign-in pages (under the admin's prefixes for their CSP) need forms only.
    if path.startswith(settings.SIGN_IN_PATH_PREFIX):
        return PUBLIC_METHODS
    return ADMIN_METHODS if path.startswith(settings.ADMIN_PATH_PREFIXES) else PUBLIC_METHODS


class AllowedMethodsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        allowed = allowed_methods(request.path_info)
        if request.method not in allowed:
            response = HttpResponseNotAllowed(allowed, content_type="text/plain; charset=utf-8")
            response["X-Content-Type-Options"] = "nosniff"
            return response
        return self.get_response(request)
