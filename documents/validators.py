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
    """PDF readers accept the %PDF- header anywhere in the first 1024 bytes; we ask for it
    there and refuse files whose first bytes are markup or an executable."""
    stripped = head.lstrip()
    if stripped[:1] == b"<" or stripped[:2] == b"MZ" or stripped[:4] == b"\x7fELF":
        return False
    return b"%PDF-" in head[:1024]


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
        raise ValidationError(
            _("Files of type “%(extension)s” cannot be checked, so they are not accepted.")
            % {"extension": extension},
            code="unchecked_type",
        )
    file.seek(0)
    head = file.read(SNIFF_BYTES)
    file.seek(0)
    if not check(head):
        raise ValidationError(
            _(
                "This file is named .%(extension)s but its content is not a %(upper)s "
                "(it may be a program or a web page renamed). It was not saved. "
                "Export the document as %(upper)s and upload that file."
            )
            % {"extension": extension.lower(), "upper": extension.upper()},
            code="content_mismatch",
        )
