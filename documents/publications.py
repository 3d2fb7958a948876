"""The document library's models.

Model decision: **one `Publication` with per-language files**, not translatable documents.

- A `LibraryDocument` is one uploaded file. It stays non-translatable (issue 5): it carries
  what is true of the file itself (its language, size, page count, extracted text).
  wagtail-localize would give translated document rows that share one file on disk and
  re-sync the English file over a translated one (see shared/notes/stack-facts.md, item 3).
- A `Publication` ("Strategic Plan 2021-2024") groups its language versions through
  `PublicationFile` rows, one per language. Visitors see one entry with every language,
  and `Publication.file_for(language)` applies the fallback: the visitor's language, else
  English (labelled as such), else whatever exists.
- A `PublicationSeries` has a stable key (`strategic-plan`) that permanent links use. One
  publication per series is the current version; the others are listed as superseded.
- `Category` is a small translatable snippet (wagtail-localize translates its name; the
  slug stays the same in every language so filter links work everywhere).

Files in a collection with a view restriction (or below one) are members-only: their
titles and text never reach the publications' search index, which the public library
search reads (`Publication.public_file_text`); editors find them through the documents'
own index, which only the admin searches (documents/queries.py).

The library page itself lives in documents/library_page.py.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import StartsWith
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.managers import TaggableManager
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.documents.models import AbstractDocument, Document
from wagtail.models import (
    CollectionViewRestriction,
    Orderable,
    TranslatableMixin,
    get_root_collection_id,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from documents.forms import PublicationAdminForm
from documents.languages import FILE_LANGUAGES, fallback_language
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


class Category(TranslatableMixin, models.Model):
    """A library category visitors filter by: Strategy, Governance, Technical brief, ..."""

    name = models.CharField(
        max_length=100, help_text="The category as visitors read it, e.g. “Technical brief”."
    )
    slug = models.SlugField(
        max_length=100,
        help_text="Short name used in filter links (/resources/?category=guide). "
        "The same in every language.",
    )

    panels = [FieldPanel("name"), FieldPanel("slug")]

    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "library category"
        verbose_name_plural = "library categories"
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


RESERVED_SERIES_KEYS = {"publications"}


def validate_series_key(value):
    if value in RESERVED_SERIES_KEYS:
        raise ValidationError(_("“%(key)s” is used by the library itself."), params={"key": value})


class PublicationSeries(models.Model):
    """Successive versions of one document (e.g. every Strategic Plan), under one permanent
    link /<language>/resources/<key>/ that always leads to the current version."""

    key = models.SlugField(
        unique=True,
        validators=[validate_series_key],
        help_text="The permanent link's last part, e.g. “strategic-plan” gives "
        "/en/resources/strategic-plan/. Partners link to it: do not change it once public.",
    )
    title = models.CharField(
        max_length=255, help_text="What the series is, e.g. “INPUD Strategic Plan”."
    )

    panels = [FieldPanel("title"), FieldPanel("key")]

    class Meta:
        verbose_name = "publication series"
        verbose_name_plural = "publication series"
        ordering = ["title"]

    def __str__(self):
        return self.title

    def current_version(self):
        """The publication marked current, else the newest one."""
        versions = self.publications.order_by(*CURRENT_FIRST)
        files = PublicationFile.objects.select_related("document__collection").defer(
            "document__extracted_text"
        )
        return versions.prefetch_related(models.Prefetch("files", queryset=files)).first()


# The current version of a series comes first: the one ticked, else the newest.
CURRENT_FIRST = ("-is_current_version", "-publication_date", "-pk")


def choose_file(files, language):
    """(file, is_fallback): of a publication's language `files`, the one in `language`,
    else English (the fallback every publication is expected to have), else any."""
    by_language = {f.document.language: f for f in files}
    if language in by_language:
        return by_language[language], False
    chosen = by_language.get(fallback_language(), files[0] if files else None)
    return chosen, chosen is not None


class Publication(index.Indexed, ClusterableModel):
    """One publication (“INPUD Strategic Plan 2021-2024”) with its file in each language.

    Visitors see it once in the library, with every language it exists in."""

    title = models.CharField(
        max_length=255, help_text="The publication's title, as on its cover, in English."
    )
    slug = models.SlugField(
        max_length=255,
        unique=True,
        help_text="Its address in the library: /en/resources/publications/<slug>/.",
    )
    summary = models.TextField(
        blank=True,
        max_length=1000,
        help_text="Two or three sentences: what it is and who it is for. Shown in the list.",
    )
    category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publications",
        help_text="The library category visitors can filter by.",
    )
    publication_date = models.DateField(
        help_text="When it was published (or adopted). The library lists newest first."
    )
    series = models.ForeignKey(
        PublicationSeries,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publications",
        help_text="The series this is one version of, if any (e.g. Strategic Plan).",
    )
    version_label = models.CharField(
        max_length=100,
        blank=True,
        help_text="Which version this is within its series, e.g. “2021-2024” or “amended 2023”.",
    )
    is_current_version = models.BooleanField(
        default=False,
        help_text="Tick to make this the version the series' permanent link leads to. "
        "The version ticked before is then listed as superseded.",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("category"),
        FieldPanel("publication_date"),
        MultiFieldPanel(
            [FieldPanel("series"), FieldPanel("version_label"), FieldPanel("is_current_version")],
            heading="Series and version",
        ),
        InlinePanel(
            "files",
            heading="Files, one per language",
            label="File",
            min_num=1,
            help_text="Upload or choose the PDF for each language. English is the fallback "
            "visitors get when their language is missing.",
        ),
    ]

    search_fields = [
        index.SearchField("title", boost=5),
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=2),
        # Public files only: this index is what anonymous searches read.
        index.SearchField("public_file_titles"),
        index.SearchField("public_file_text"),
        index.FilterField("publication_date"),
    ]

    base_form_class = PublicationAdminForm

    class Meta:
        ordering = ["-publication_date", "-pk"]
        # The library lists newest first, 20 at a time: the index lets it stop at 20.
        indexes = [
            models.Index(fields=["-publication_date", "-id"], name="publication_newest_first")
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.is_current_version and not self.series_id:
            raise ValidationError(
                {"is_current_version": _("Only a publication in a series can be its current one.")}
            )

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.is_current_version and self.series_id:
                # One current version per series: ticking this one unticks the previous.
                Publication.objects.filter(
                    series_id=self.series_id, is_current_version=True
                ).exclude(pk=self.pk).update(is_current_version=False)
            super().save(*args, **kwargs)
        # ClusterableModel saves the language files after the row itself, so the search
        # index entry written on post_save does not yet see their text: write it again.
        index.insert_or_update_object(self)

    # Search: the titles and text of its files that anyone may see. A file in a
    # restricted collection is members-only, its words too: they are never indexed here.
    def public_files(self):
        files = PublicationFile.objects.visible().filter(publication=self)
        return files.select_related("document").only("document__title", "document__extracted_text")

    def public_file_titles(self):
        return " ".join(f.document.title for f in self.public_files())

    def public_file_text(self):
        return " ".join(f.document.extracted_text for f in self.public_files())

    # Languages. These read self.files.all(): prefetch it when reading many.
    def files_by_language(self):
        return {f.document.language: f for f in self.files.all()}

    def file_for(self, language):
        return choose_file(list(self.files.all()), language)


class PublicationFileQuerySet(models.QuerySet):
    def visible(self):
        """The files anyone may see: no collection view restriction covers their document."""
        return self.exclude(under_view_restriction(OuterRef("document__collection__path")))


class PublicationFile(Orderable):
    """The publication's file in one language."""

    publication = ParentalKey(Publication, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        LibraryDocument,
        on_delete=models.CASCADE,
        related_name="publication_files",
        help_text="The PDF in one language. Set the document's language when you upload it.",
    )

    panels = [FieldPanel("document")]

    objects = PublicationFileQuerySet.as_manager()

    class Meta(Orderable.Meta):
        verbose_name = "language file"

    def __str__(self):
        return f"{self.publication} ({self.document.language})"

    @property
    def language(self):
        return self.document.language


from documents.library_page import DocumentLibraryPage  # noqa: E402, F401
