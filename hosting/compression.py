"""Compression of what the site generates: text only.

Django's GZipMiddleware compresses every response, files included: a PDF (compressed
already) cost the server a gzip pass per download, lost its Content-Length (no progress
bar, no resume), and a 206 partial response came out compressed, so its bytes no longer
matched its Content-Range and PDF viewers that fetch page by page broke. Static files are
precompressed by whitenoise and never reach this middleware.
"""

from django.middleware.gzip import GZipMiddleware

COMPRESSED_TYPES = ("text/", "application/json", "application/xml", "application/javascript")


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if response.streaming or not content_type.startswith(COMPRESSED_TYPES):
            return response
        return super().process_response(request, response)
