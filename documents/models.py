"""The document library's models."""

from django.conf import settings
from django.db import models
from taggit.managers import TaggableManager
from wagtail.documents.models import AbstractDocument, Document


class LibraryDocument(AbstractDocument):
    """One uploaded file (usually a PDF) in the document library.

    Named LibraryDocument, not Document: Wagtail's own document table still exists and
    a second model called Document would clash with its reverse accessors (fields.E304).
    """

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
        help_text=None, blank=True, verbose_name="tags", related_name="library_documents"
    )

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"
        verbose_name_plural = "documents"
