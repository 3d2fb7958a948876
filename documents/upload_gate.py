"""The one gate every library file passes before it is stored.

The admin's upload form, the multiple uploader, the chooser's upload, the seed and any code
that saves a LibraryDocument all reach `LibraryDocument` (its clean() for forms, its save()
for everything), which sends the new file here: size and type checks
(documents/validators.py), then the file type's cleaner, whose output is what is stored.
"""

import os

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from documents.pdf_cleaning import clean_pdf
from documents.validators import unchecked_type_message, validate_uploaded_file

# Extension -> cleaner (bytes in, bytes to store out, or a ValidationError). A file type
# accepted later needs one here, a content check in validators.CONTENT_CHECKS and its
# extension in WAGTAILDOCS_EXTENSIONS.
CLEANERS = {"pdf": clean_pdf}


class CleanedFile(ContentFile):
    """A file's content as it came out of the gate."""


def pass_gate(file, name) -> CleanedFile:
    """The cleaned content of `file` (an upload, or a file opened from storage), named
    after `name`'s last part; ValidationError (with the editor's message) if refused."""
    validate_uploaded_file(file, extension_of(name))
    file.seek(0)
    return CleanedFile(clean_content(file.read(), name), name=os.path.basename(name))


def clean_content(data: bytes, name) -> bytes:
    """`data` through the cleaner of `name`'s file type (no size limit: for files stored
    already, judged by their content alone)."""
    cleaner = CLEANERS.get(extension_of(name))
    if cleaner is None:
        raise ValidationError(unchecked_type_message(extension_of(name)), code="unchecked_type")
    return cleaner(data)


def extension_of(name):
    return os.path.splitext(name)[1].lstrip(".").lower()
