"""Upload safety: a file must be what its extension claims, and not too large.

Wagtail checks the extension only (WAGTAILDOCS_EXTENSIONS), so an executable or an HTML
page renamed .pdf would be accepted and served as a PDF. These checks read the content.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024
SNIFF_BYTES = 2048


def looks_like_pdf(head: bytes) -> bool:
    """A PDF starts with %PDF-. Readers accept that header anywhere in the first 1024
    bytes, which lets a web page or a program pass as a PDF (a polyglot): we require it at
    the very start, where every program that writes PDFs puts it."""
    return head.startswith(b"%PDF-")


# Extension -> content check. Another type may be allowed later by adding a check here and
# its extension to WAGTAILDOCS_EXTENSIONS (see README).
CONTENT_CHECKS = {"pdf": looks_like_pdf}


def max_upload_bytes():
    return getattr(settings, "DOCUMENTS_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES)


def validate_uploaded_file(file, extension: str):
    """Raise ValidationError with an editor-readable message when the file is refused."""
    limit = max_upload_bytes()
    if file.size is not None and file.size > limit:
        raise ValidationError(
            _("This file is %(size)s; the largest file the library accepts is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )
    check = CONTENT_CHECKS.get(extension.lower())
    if check is None:
        raise ValidationError(unchecked_type_message(extension), code="unchecked_type")
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    if not check(head):
        raise ValidationError(content_mismatch_message(extension), code="content_mismatch")


def unchecked_type_message(extension):
    return _("Files of type “%(extension)s” cannot be checked, so they are not accepted.") % {
        "extension": extension
    }


def content_mismatch_message(extension):
    return _(
        "This file is named .%(extension)s but its content is not a %(upper)s "
        "(it may be a program or a web page renamed). It was not saved. "
        "Export the document as %(upper)s and upload that file."
    ) % {"extension": extension.lower(), "upper": extension.upper()}
