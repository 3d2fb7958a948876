"""Online editions: a publication as a web page, read in kilobytes instead of megabytes.

Model decision: **`OnlineEdition` is a translatable snippet of its own**, one row per
language, pointing at its publication; not an inline child of `Publication`.

- wagtail-localize translates only models with `TranslatableMixin` (pages and snippets).
  `Publication` is deliberately not one (each language is a file an editor adds,
  documents/publications.py), so an InlinePanel child with a language field could not go
  through wagtail-localize's editor: no string-by-string translation, no PO files, no
  machine draft, no "out of date" when the English changes, and translators (who have no
  rights on publications) could not work on it. As a snippet, the English edition is the
  source and "Translate" makes the French one, as for the footer or the categories.
- Moderated like publications (Wagtail's draft, revision, workflow and lock mixins, the
  pages' "Moderators approval" workflow, pages/groups.py): the draft made from the PDF
  (documents/edition_drafts.py) is for an editor to tidy and submit; visitors see an
  edition only once a moderator has published it, and every save can be compared and
  restored.
- Its own module, gathered by documents/models.py, so that the publication model can
  change (moderation) without touching it.

Which edition a visitor reads follows sitewide/languages.py: the one in their language,
else the English one, shown under their prefix, marked lang="en", canonical to English.
"""

import gzip
from dataclasses import dataclass

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, OuterRef, Subquery, When
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PublishingPanel
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    Locale,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail_localize.fields import SynchronizedField, TranslatableField

from documents.edition_blocks import EditionBodyBlock
from documents.edition_drafts import DraftFailed, draft_body_from_pdf
from documents.publications import Publication, PublicationFile
from sitewide import languages

# Whatever its PDF weighs, an edition's page never travels over this many bytes compressed
# (issue 17): the site's furniture (within the 30 KB page budget) plus the text.
MAX_COMPRESSED_BYTES = 60 * 1024
# What the furniture around the text may take of that: the page budget itself.
FURNITURE_BYTES = 30 * 1024


def compressed_size(html: str) -> int:
    """Bytes of `html` gzip-compressed as the site sends text (hosting/compression.py);
    mtime fixed so the figure is the same for the same text."""
    return len(gzip.compress(html.encode(), compresslevel=6, mtime=0))


class OnlineEdition(
    TranslatableMixin, WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, models.Model
):
    """A publication's text as a web page, in one language, at
    /<language>/resources/publications/<slug>/read/, linked as "Read online" beside the PDF."""

    publication = models.ForeignKey(
        Publication,
        on_delete=models.CASCADE,
        related_name="online_editions",
        help_text="The publication this is the online edition of.",
    )
    title = models.CharField(
        max_length=255,
        help_text="The title at the top of the page, in this edition's language.",
    )
    body = StreamField(
        EditionBodyBlock(),
        help_text="The publication's text: headings (keep their order), paragraphs, lists, "
        "quotes, tables and images (each with a description read aloud to people who cannot "
        "see it). A draft made from the PDF needs checking: headings, lists and tables.",
    )
    text_size = models.PositiveIntegerField(
        default=0,
        editable=False,
        help_text="Bytes of the text as visitors download it (compressed), shown in the link.",
    )
    # Deleting an edition deletes its revisions and workflow states (Wagtail's advice for
    # snippets).
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="onlineedition")
    workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="onlineedition",
        for_concrete_model=False,
    )

    panels = [
        FieldPanel("publication"),
        FieldPanel("title"),
        FieldPanel("body"),
        PublishingPanel(),
    ]

    translatable_fields = [
        SynchronizedField("publication"),
        TranslatableField("title"),
        TranslatableField("body"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "online edition"
        verbose_name_plural = "online editions"
        unique_together = [("translation_key", "locale"), ("publication", "locale")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The live row holds what visitors read (a draft lives in a revision until it is
        # published, which saves it here): its size is the one the link shows.
        self.text_size = compressed_size(self.rendered_body()) if self.body else 0
        super().save(*args, **kwargs)

    @property
    def revisions(self):
        return self._revisions

    @property
    def language(self):
        return languages.language_of_locale(self.locale_id)

    def rendered_body(self):
        return str(self.body.render_as_block())

    def clean(self):
        super().clean()
        if self.body and compressed_size(self.rendered_body()) > MAX_COMPRESSED_BYTES - (
            FURNITURE_BYTES
        ):
            raise ValidationError(
                {
                    "body": _(
                        "This edition is too long to read online on a metered connection "
                        "(over %(kb)s KB compressed). Split the publication into parts, or "
                        "keep its longest tables and annexes in the PDF."
                    )
                    % {"kb": (MAX_COMPRESSED_BYTES - FURNITURE_BYTES) // 1024}
                }
            )


@dataclass
class OfferedEdition:
    """The online edition a publication's page links to: its language and text's size."""

    language: str
    size: int


def offered_edition(language=None):
    """Annotations for a query of language files (documents/queries.py read_listed): the
    locale and size of the live edition of each file's publication that a visitor of
    `language` is offered, their language's, else English (sitewide/languages.py), so
    the publication's page links it without a query of its own."""
    wanted = languages.preferred_languages(language)
    ids = [pk for code in wanted for pk in languages.locale_ids([code])]
    preference = Case(*[When(locale_id=pk, then=rank) for rank, pk in enumerate(ids)])
    editions = OnlineEdition.objects.filter(
        publication_id=OuterRef("publication_id"), live=True, locale_id__in=ids
    ).order_by(preference)
    return {
        "edition_locale_id": Subquery(editions.values("locale_id")[:1]),
        "edition_size": Subquery(editions.values("text_size")[:1]),
    }


def edition_offered(file_row):
    """The OfferedEdition a row annotated by `offered_edition` carries, or None."""
    if file_row.edition_locale_id is None:
        return None
    return OfferedEdition(
        languages.language_of_locale(file_row.edition_locale_id), file_row.edition_size
    )


def draft_from_pdf(publication, *, user=None):
    """A new draft edition of `publication` made from its PDF's text (documents/
    edition_drafts.py), in the language of the file it reads: the English one, else the
    first in a language the site has, of the files anyone may see (a members-only PDF's
    text would become a public page). EditionExists if that language has an edition
    already (an editor's work is never overwritten); DraftFailed if no such PDF has text."""
    files = (
        PublicationFile.objects.visible().filter(publication=publication).select_related("document")
    )
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    by_language = {f.document.language: f for f in files if f.document.language in locales}
    chosen, _is_other = languages.choose(by_language, languages.default_language(), else_any=True)
    if chosen is None:
        raise DraftFailed(
            "The publication has no PDF that anyone may see in one of the site's languages."
        )
    locale = locales[chosen.document.language]
    existing = OnlineEdition.objects.filter(publication=publication, locale=locale).first()
    if existing is not None:
        raise EditionExists(existing)
    with chosen.document.file.open("rb") as stored:
        body = draft_body_from_pdf(stored.read())
    edition = OnlineEdition(
        publication=publication, locale=locale, title=publication.title, body=body, live=False
    )
    edition.save()
    edition.save_revision(user=user, log_action=True)
    return edition


class EditionExists(Exception):
    def __init__(self, edition):
        super().__init__(f"{edition} exists already")
        self.edition = edition
