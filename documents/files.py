"""The library's files: one uploaded PDF per `LibraryDocument`, in one language.

A `LibraryDocument` stays non-translatable (issue 5): it carries what is true of the file
itself (its language, size, page count, extracted text). wagtail-localize would give
translated document rows that share one file on disk and re-sync the English file over a
translated one (see shared/notes/stack-facts.md, item 3). Publications group the
language versions of one document (documents/publications.py).
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models import Exists, F
from django.db.models.lookups import StartsWith
from taggit.managers import TaggableManager
from wagtail.documents.models import AbstractDocument, Document
from wagtail.models import (
    CollectionViewRestriction,
    get_root_collection_id,
)
from wagtail.search import index

from documents.languages import FILE_LANGUAGES
from documents.pdf import read_pdf_facts
from documents.upload_gate import CleanedFile, clean_content, pass_gate


def under_view_restriction(collection_path):
    """True where a collection view restriction covers the collection at `collection_path`
    (an OuterRef or F to a collection's path). Collection paths nest (0001, 00010003, ...),
    so a restriction covers every collection whose path begins with its own."""
    return Exists(
        CollectionViewRestriction.objects.filter(StartsWith(collection_path, F("collection__path")))
    )


class LibraryDocument(AbstractDocument):
    """One uploaded file (a PDF) in one language, chosen everywhere documents are chosen.

    Named LibraryDocument, not Document: Wagtail's own document table still exists and
    a second model called Document would clash with its reverse accessors (fields.E304).
    Size, hash, page count and text are computed on upload, never typed by editors.

    Every new file goes through documents/upload_gate.py before it is stored, whichever
    way it comes in: clean() sends it there for forms (so a refusal is the form's error),
    save() for everything else (so code cannot store a file the gate has not seen).
    """

    # Wagtail's own fields, declared again only to tell editors what to type.
    title = models.CharField(
        max_length=255,
        verbose_name="title",
        help_text="The file's title as readers see it, e.g. “Strategic Plan 2021-2024 (French)”.",
    )
    file = models.FileField(
        upload_to="documents",
        verbose_name="file",
        help_text="Only PDF files are accepted; the page count and text are read on upload.",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        default=get_root_collection_id,
        verbose_name="collection",
        related_name="+",
        on_delete=models.CASCADE,
        help_text="The admin folder the file is kept in; visitors never see it.",
    )
    uploaded_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="library_documents",
        verbose_name="uploaded by user",
    )
    uploaded_by_user.wagtail_reference_index_ignore = True
    tags = TaggableManager(
        help_text="Words that help editors find the file in the admin; visitors never see them.",
        blank=True,
        verbose_name="tags",
        related_name="library_documents",
    )
    language = models.CharField(
        max_length=10,
        choices=FILE_LANGUAGES,
        default="en",
        help_text="The language the text of this file is written in.",
    )
    page_count = models.PositiveIntegerField(
        null=True,
        blank=True,
        editable=False,
        help_text="Number of pages, read from the PDF on upload.",
    )
    extracted_text = models.TextField(
        blank=True,
        editable=False,
        help_text="The first pages' text, read on upload so the library search finds it.",
    )

    admin_form_fields = (*Document.admin_form_fields, "language")

    # Only the admin searches documents (the library searches publications): their text
    # is indexed here, restricted or not, so that editors find a file by what it says.
    search_fields = [
        *AbstractDocument.search_fields,
        index.SearchField("extracted_text"),
        index.FilterField("language"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"
        verbose_name_plural = "documents"

    # The stored file the gate has seen: the one loaded from the database, or its output.
    _gated_file_name = None

    @classmethod
    def from_db(cls, db, field_names, values):
        document = super().from_db(db, field_names, values)
        document._gated_file_name = document.__dict__.get("file")
        return document

    def clean(self):
        super().clean()  # Wagtail's extension check
        if self.file and not self.file._committed:
            try:
                self._pass_gate()
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error

    def save(self, *args, **kwargs):
        if self._file_is_new():
            self._set_document_file_metadata()
        super().save(*args, **kwargs)
        self._gated_file_name = self.file.name

    def _set_document_file_metadata(self):
        """Wagtail calls this when a file is uploaded or replaced: clean it, then size,
        hash and our own facts are those of the cleaned file."""
        self._pass_gate()
        super()._set_document_file_metadata()
        self.page_count, self.extracted_text = read_pdf_facts(self.file)

    def clean_stored_file(self):
        """For documents stored before the gate (manage.py clean_documents): pass the
        stored file through the gate's cleaner and store the result under the same name,
        so its address does not change. Returns False, changing nothing, when the file is
        clean already (cleaning it gives the same bytes). A refused file raises
        ValidationError and is left as it is, for an editor to replace or delete."""
        name, storage = self.file.name, self.file.storage
        with storage.open(name, "rb") as stored:
            data = stored.read()
        cleaned = clean_content(data, name)
        if cleaned == data and self.file_hash == hashlib.sha1(data).hexdigest():  # noqa: S324
            return False
        # Kept until the cleaned file is in place: a crash in between loses nothing.
        backup = storage.save(f"{name}.before-cleaning", ContentFile(data))
        storage.delete(name)
        self.file.name = storage.save(name, ContentFile(cleaned))
        storage.delete(backup)
        self._gated_file_name = self.file.name
        self._set_document_file_metadata()
        self.save()
        return True

    def _file_is_new(self):
        if "file" in self.get_deferred_fields() or not self.file:
            return False
        if not self.file._committed:
            return not isinstance(self.file.file, CleanedFile)
        return self.file.name != self._gated_file_name

    def _pass_gate(self):
        """Replace a new file by the gate's output (ValidationError if refused)."""
        if not self._file_is_new():
            return
        if not self.file._committed:
            self.file = pass_gate(self.file.file, self.file.name)
            return
        # Already in storage: Wagtail's bulk uploader puts a held file there before
        # creating the document, and code may save a file itself. Nothing refused stays.
        name, storage = self.file.name, self.file.storage
        try:
            with storage.open(name, "rb") as stored:
                cleaned = pass_gate(stored, name)
        finally:
            storage.delete(name)
        self.file.save(cleaned.name, cleaned, save=False)
        self._gated_file_name = self.file.name

    @property
    def file_type_label(self):
        """ "PDF", shown beside every download link."""
        return self.file_extension.upper() or "FILE"
