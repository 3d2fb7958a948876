"""Refuse request bodies larger than MAX_REQUEST_BODY_SIZE before reading them."""

from django.conf import settings
from django.http import HttpResponse


class RequestBodyLimitMiddleware:
    """Answers 413 from the Content-Length header alone, so an oversized upload never
    reaches memory, a temporary file or the storage. (A body sent without Content-Length
    is not read by Django at all.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BODY_SIZE:
            limit_mb = settings.MAX_REQUEST_BODY_SIZE // (1024 * 1024)
            response = HttpResponse(
                f"This upload is too large: the limit is {limit_mb} MB.\n",
                status=413,
                content_type="text/plain; charset=utf-8",
            )
            response["Connection"] = "close"
            return response
        return self.get_response(request)
