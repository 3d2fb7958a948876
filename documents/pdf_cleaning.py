"""The PDF pipeline: every PDF the library stores is the output of `clean_pdf()`.

Its steps, in order, each a function below:

1. `require_pdf_header`: the file starts with `%PDF-`. Readers accept the header anywhere in
   the first kilobyte, which is what lets a web page pass as a PDF (a polyglot).
2. `open_pdf`: refuses encrypted and unreadable files: their content cannot be checked.
3. `refuse_active_content` (documents/pdf_active_content.py): JavaScript, launching,
   forms that send data, other files or web addresses opened by themselves, media,
   attachments, XFA.
4. `remove_identifying_metadata` (documents/pdf_metadata.py): who made it, with what, where.
5. `save`: the whole file rewritten from its catalog, so no earlier revision (which can
   hold deleted text) and no unreferenced object survives. Deterministic: the same input
   gives the same bytes (no timestamps; the file ID is computed from the content), and
   cleaning a cleaned file changes nothing, which is how `manage.py clean_documents`
   knows a file is already clean.
6. Linearized ("fast web view"), as part of that same save, the pipeline's last step:
   the first page's objects and a hint table come first in the file, so a viewer that
   reads by ranges (PDF.js, the browsers' own viewers, with documents/serving.py's 206
   answers) shows page 1 before the rest has arrived: on a slow, metered connection a
   visitor can stop reading, and paying, after the page they wanted. It costs a few
   hundred bytes per file (the hint tables) and is deterministic too.

A refused file raises PdfRefused, a ValidationError whose message tells the editor what
to do; nothing is stored.
"""

import io
from contextlib import contextmanager

import pikepdf
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from documents.pdf_active_content import ActiveContent, refuse_active_content
from documents.pdf_metadata import remove_identifying_metadata
from documents.validators import content_mismatch_message, looks_like_pdf


class PdfRefused(ValidationError):
    """A PDF the library does not store; its message is for the editor."""


def clean_pdf(data: bytes) -> bytes:
    """The PDF `data`, checked, stripped and linearized, as the bytes to store; or PdfRefused."""
    require_pdf_header(data)
    with open_pdf(data) as pdf:
        try:
            refuse_active_content(pdf)
        except ActiveContent as found:
            raise PdfRefused(found.message(), code=found.reason) from None
        remove_identifying_metadata(pdf)
        return save(pdf)


def require_pdf_header(data: bytes):
    if not looks_like_pdf(data[:1024]):
        raise PdfRefused(content_mismatch_message("pdf"), code="content_mismatch")


@contextmanager
def open_pdf(data: bytes):
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise PdfRefused(encrypted_message(), code="encrypted") from None
    except (pikepdf.PdfError, ValueError, RecursionError):
        raise PdfRefused(unreadable_message(), code="unreadable") from None
    with pdf:
        if pdf.is_encrypted:  # readable without a password, but locked by one
            raise PdfRefused(encrypted_message(), code="encrypted")
        try:
            if len(pdf.pages) == 0:
                raise PdfRefused(unreadable_message(), code="unreadable")
            yield pdf
        except (pikepdf.PdfError, RecursionError):
            raise PdfRefused(unreadable_message(), code="unreadable") from None


def save(pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(
        out,
        deterministic_id=True,
        fix_metadata_version=False,  # it would add to the XMP packet just rewritten
        linearize=True,  # fast web view: see step 6 above
    )
    return out.getvalue()


def encrypted_message():
    return _(
        "This PDF is protected by a password or encryption, so the library cannot check "
        "what it contains. It was not saved. Save it again without protection in the "
        "program that made it (or ask whoever sent it for an unprotected copy), and upload "
        "that file."
    )


def unreadable_message():
    return _(
        "This PDF could not be read: it may be damaged or incomplete. It was not saved. "
        "Export it again from the program that made it, and upload the new file."
    )
