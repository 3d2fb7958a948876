"""Snippets that visitors see: the people on the Governance page and the site footer.

Both are translatable (wagtail-localize) and kept flat: their text lives in their own
fields, so translators see every string and nothing syncs over a translation silently.
"""

from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin

from sitewide import languages

# The photo sizes the Governance page shows: the same as {% picture %} in
# templates/pages/governance_page.html. They are made when an editor saves a person or
# changes a photo (pages.signals), so that no visitor's page view writes to the database.
BOARD_PHOTO_FILTERS = "format-{webp,jpeg} fill-{160x160,320x320}"


class Person(TranslatableMixin, models.Model):
    """A member of INPUD's board, listed on the Governance page in the order set here."""

    name = models.CharField(max_length=200, help_text="Full name, as the person wants it shown.")
    role = models.CharField(
        max_length=200, help_text="Role on the board, e.g. “Chair” or “Board member”."
    )
    region = models.CharField(
        max_length=200, blank=True, help_text="Region the person represents, if any."
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. Only with the person's consent: some members cannot be pictured.",
    )
    bio = models.TextField(
        blank=True, max_length=600, help_text="Optional short biography, two or three sentences."
    )
    sort_order = models.IntegerField(
        null=True, blank=True, editable=False, help_text="Position in the board list."
    )
    sort_order_field = "sort_order"

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("region"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = "person"
        verbose_name_plural = "people"

    def __str__(self):
        return f"{self.name} ({self.role})"

    @classmethod
    def board_for(cls, language_code):
        """The board in this language, or in the default language where not translated."""
        wanted = languages.preferred_languages(language_code)
        people = cls.objects.filter(locale__language_code__in=wanted)
        by_language = {}
        for person in people.select_related("locale", "photo").prefetch_related(
            "photo__renditions"
        ):
            by_language.setdefault(person.locale.language_code, []).append(person)
        return languages.choose(by_language, language_code)[0] or []


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=100, help_text="The link text visitors read.")
    url = blocks.URLBlock(help_text="Full address, e.g. https://x.com/INPUD.")

    class Meta:
        icon = "link"


class PageLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(
        max_length=100, required=False, help_text="Link text. Leave empty to use the page title."
    )
    page = blocks.PageChooserBlock(help_text="The page to link to.")

    class Meta:
        icon = "doc-empty"


class Footer(TranslatableMixin, models.Model):
    """The footer shown on every page: contact details, social links and legal links."""

    contact = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="How to contact INPUD (e-mail, postal address).",
    )
    social_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        help_text="INPUD's social media accounts, shown as plain links (never embeds).",
    )
    legal_links = StreamField(
        [("page", PageLinkBlock())],
        blank=True,
        help_text="Pages such as the privacy statement.",
    )

    panels = [FieldPanel("contact"), FieldPanel("social_links"), FieldPanel("legal_links")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "footer"
        verbose_name_plural = "footer"

    def __str__(self):
        return f"Footer ({self.locale})"

    @classmethod
    def for_language(cls, language_code):
        """The footer in this language, or in the default language where not translated."""
        wanted = languages.preferred_languages(language_code)
        footers = {
            footer.locale.language_code: footer
            for footer in cls.objects.filter(locale__language_code__in=wanted).select_related(
                "locale"
            )
        }
        return languages.choose(footers, language_code)[0]
