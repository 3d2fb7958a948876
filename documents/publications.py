"""The library's publications, series and categories.

Model decision: **one `Publication` with per-language files**, not translatable documents.

- A `Publication` ("Strategic Plan 2021-2024") groups its language versions (each a
  `LibraryDocument`, documents/files.py) through `PublicationFile` rows, one per language.
  Visitors see one entry with every language, and `Publication.file_for(language)` applies
  the site's fallback (sitewide/languages.py): the visitor's language, else English
  (labelled as such), else whatever exists.
- A `PublicationSeries` has a stable key (`strategic-plan`) that permanent links use. One
  publication per series is the current version; the others are listed as superseded.
- `Category` is a small translatable snippet (wagtail-localize translates its name; the
  slug stays the same in every language so filter links work everywhere).

Files in a collection with a view restriction (or below one) are members-only: their
titles and text never reach the publications' search index, which the public library
search reads (`Publication.public_file_text`); editors find them through the documents'
own index, which only the admin searches (documents/queries.py).

Publications are moderated like pages (Wagtail's draft, revision, workflow and lock
mixins for snippets): the row in the table is the published (live) version, or a draft
that was never published (`live` False); later drafts are revisions. Visitors' readers
see live rows only (documents/queries.py). What publishing changes beyond the row (the
series' other current version unticked, the search index) happens when a revision is
published (`on_published`, connected in documents/signals.py), never on a draft's save.

Series and categories are not moderated: they are labels with no text of their own to
review, but renaming one or changing a series' key shows at once on every live
publication (and moves the permanent link partners use), so only Moderators add, change
or delete them (pages/groups.py); Editors choose among them.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import OuterRef
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    PublishingPanel,
    TitleFieldPanel,
)
from wagtail.admin.widgets.slug import SlugInput
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from documents.files import LibraryDocument, under_view_restriction
from documents.forms import PublicationAdminForm
from sitewide import languages


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


# The current version of a series comes first: the one ticked, else the newest.
CURRENT_FIRST = ("-is_current_version", "-publication_date", "-pk")


def choose_file(files, language):
    """(file, is_fallback): of a publication's language `files`, the one in `language`,
    else English (the fallback every publication is expected to have), else any."""
    by_language = {}
    for file in files:
        by_language.setdefault(file.document.language, file)
    return languages.choose(by_language, language, else_any=True)


class Publication(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, index.Indexed, ClusterableModel
):
    """One publication (“INPUD Strategic Plan 2021-2024”) with its file in each language.

    Visitors see it once in the library, with every language it exists in, once a
    moderator has published it."""

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

    # Wagtail's revisions and workflow states of snippets, as its documentation sets them up.
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="publication")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="publication",
        for_concrete_model=False,
    )

    panels = [
        # The slug follows the title as an editor types it, until the publication is live.
        TitleFieldPanel("title", placeholder=False),
        FieldPanel("slug", widget=SlugInput),
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
        PublishingPanel(),
    ]

    search_fields = [
        index.SearchField("title", boost=5),
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=2),
        # Its category's name in every language it is translated into.
        index.SearchField("category_names"),
        # Public files only: this index is what anonymous searches read.
        index.SearchField("public_file_titles"),
        index.SearchField("public_file_text"),
        index.FilterField("publication_date"),
        index.FilterField("live"),  # visitors search live publications only
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

    @property
    def revisions(self):
        return self._revisions

    def on_published(self):
        """What publishing this version changes beyond its own row. Not in save(): Wagtail
        saves drafts through save() too (a new publication's first draft, and every
        revision's bookkeeping), and a draft must neither move the series' permanent link
        nor put its text into the index visitors search."""
        with transaction.atomic():
            if self.is_current_version and self.series_id:
                # One current version per series: publishing this one unticks the previous.
                Publication.objects.filter(
                    series_id=self.series_id, is_current_version=True
                ).exclude(pk=self.pk).update(is_current_version=False)
        # ClusterableModel saves the language files after the row itself, so the search
        # index entry written on post_save does not yet see their text: write it again.
        index.insert_or_update_object(self)

    def category_names(self):
        if self.category is None:
            return ""
        names = Category.objects.filter(translation_key=self.category.translation_key)
        return " ".join(names.values_list("name", flat=True))

    def save_and_publish(self, user=None):
        """Save this publication and publish it at once (first content, imports, tests):
        a first revision, live, with what publishing does."""
        self.save()
        revision = self.save_revision(user=user, log_action=True)
        revision.publish(user=user, skip_permission_checks=True)
        return revision

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
