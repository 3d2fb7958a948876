"""Sending a library file: what Wagtail's serve view does, plus Range requests.

Wagtail's serve_view answers 304 but not Range (it sends the whole file with status 200),
which breaks resumed downloads and mobile PDF viewers that fetch page by page. This module
answers single byte ranges with 206, conditional requests with 304 (or 412), and keeps
Wagtail's privacy check (the `before_serve_document` hooks: collection view restrictions).

Who gets a file: anyone, when it is public (documents/queries.py `is_public_document`);
members who pass its collection's view restriction; editors who may choose or change it
(previews, choosers, half-finished uploads). Anyone else gets 404, as if the file did
not exist: an upload nothing uses yet is not even confirmed to exist.
"""

import re

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import content_disposition_header, http_date, quote_etag
from wagtail import hooks
from wagtail.documents.models import document_served
from wagtail.permissions import policy_registry

from documents.queries import is_public_document

CHUNK_SIZE = 64 * 1024
RANGE_PATTERN = re.compile(r"^bytes=([0-9]*)-([0-9]*)$")
# Past the end of any file: a longer number in a Range header reads as this one.
BEYOND_ANY_FILE = 10**18
# Only these open in the browser; anything else (HTML, SVG, XML) is always a download.
NEVER_INLINE = {"text/html", "image/svg+xml", "application/xhtml+xml", "text/xml"}


# Editors open any file they may work with, used or not (previews, the chooser).
EDITOR_ACTIONS = ["add", "change", "choose"]


def serve_document(request, document, *, max_age, is_public=None):
    """The file of `document` for this request; Wagtail's login/password answer when a
    collection view restriction does not let this visitor see it; else 404 for a file
    that is not public and that this visitor may not open. `is_public` is what
    `is_public_document` said of it since the last change, when the caller knows."""
    # Imported here: wagtail_hooks modules import models, and this module is imported by ours.
    from wagtail.documents.wagtail_hooks import check_view_restrictions

    if is_public is None:
        is_public = is_public_document(document)  # also says no view restriction covers it
    is_restricted = not is_public and bool(document.collection.get_view_restrictions())
    for hook in hooks.get_hooks("before_serve_document"):
        if hook is check_view_restrictions and not is_restricted:
            continue  # Wagtail's privacy hook: we just saw there is nothing to check.
        result = hook(document, request)
        if isinstance(result, HttpResponse):
            return result
    if not (is_public or is_restricted or _may_edit(request.user, document)):
        raise Http404("No such document.")
    document_served.send(sender=type(document), instance=document, request=request)
    return file_response(request, document, max_age=max_age, private=not is_public)


def _may_edit(user, document):
    if not user.is_authenticated:
        return False
    policy = policy_registry.get_by_type(type(document))
    if policy.user_has_any_permission_for_instance(user, EDITOR_ACTIONS, document):
        return True
    # Translators hold the model-wide "choose" permission (pages/migrations/0004), not a
    # collection's: they point translations at documents and preview them.
    app_label = document._meta.app_label
    return any(user.has_perm(f"{app_label}.{action}_document") for action in EDITOR_ACTIONS)


def _last_modified(document):
    try:
        return int(document.file.storage.get_modified_time(document.file.name).timestamp())
    except (NotImplementedError, OSError):
        return int(document.created_at.timestamp())


def _is_inline(content_type):
    inline_types = getattr(settings, "WAGTAILDOCS_INLINE_CONTENT_TYPES", ["application/pdf"])
    return content_type in inline_types and content_type not in NEVER_INLINE


def _byte_position(digits):
    """A byte position from a Range header, without int() on a number of thousands of
    digits (Python refuses those, and no file is that long)."""
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) < len(str(BEYOND_ANY_FILE)) else BEYOND_ANY_FILE


def parse_range(header, size):
    """(start, end) inclusive for one satisfiable byte range; "unsatisfiable"; or None to
    send the whole file (no header, several ranges, or a header we do not understand).
    Positions past the end are cut to the file, as RFC 9110 says; a start past the end is
    unsatisfiable."""
    match = RANGE_PATTERN.match(header.strip()) if header else None
    if not match:
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":  # the last N bytes
        length = _byte_position(last)
        if length == 0 or size == 0:
            return "unsatisfiable"
        return max(size - length, 0), size - 1
    start = _byte_position(first)
    end = min(_byte_position(last), size - 1) if last else size - 1
    if start >= size or (last and _byte_position(last) < start):
        return "unsatisfiable"
    return start, end


def _read_range(filelike, start, length):
    try:
        filelike.seek(start)
        remaining = length
        while remaining > 0:
            chunk = filelike.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        filelike.close()


def file_response(request, document, *, max_age, private=False):
    etag = quote_etag(document.file_hash) if document.file_hash else None
    last_modified = _last_modified(document)
    size = document.file_size if document.file_size is not None else document.file.size
    content_type = document.content_type

    def with_validators(response):
        if etag:
            response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        if private:
            patch_cache_control(response, private=True, no_cache=True)
        else:
            patch_cache_control(response, public=True, max_age=max_age)
        return response

    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return with_validators(not_modified)

    requested = parse_range(request.headers.get("Range"), size)
    if_range = request.headers.get("If-Range")
    if requested and if_range and if_range not in (etag, http_date(last_modified)):
        requested = None  # the file changed since the client's first part: send it whole

    if requested == "unsatisfiable":
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return with_validators(response)

    if request.method == "HEAD":
        response = HttpResponse(content_type=content_type)
        length = size
    elif requested:
        start, end = requested
        length = end - start + 1
        filelike = document.file.storage.open(document.file.name, "rb")
        response = StreamingHttpResponse(
            _read_range(filelike, start, length), status=206, content_type=content_type
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    else:
        # FileResponse lets the WSGI server send the file itself (sendfile) when it can.
        filelike = document.file.storage.open(document.file.name, "rb")
        response = FileResponse(filelike, content_type=content_type)
        length = size
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=not _is_inline(content_type), filename=document.filename
    )
    if getattr(settings, "WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT", True):
        response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return with_validators(response)
