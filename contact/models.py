"""How to reach INPUD, and the directory of its member networks.

Naming a network in a country that criminalises it can endanger it: a network is shown
only once editors have ticked that it agreed to be listed, and every reader of the
directory goes through `MemberNetwork.listed()`.
"""

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from sitewide import languages

REGIONS = [
    ("africa", gettext_lazy("Africa")),
    ("asia-pacific", gettext_lazy("Asia and the Pacific")),
    ("eurasia", gettext_lazy("Eastern Europe and Central Asia")),
    ("europe", gettext_lazy("Europe")),
    ("latin-america", gettext_lazy("Latin America and the Caribbean")),
    ("mena", gettext_lazy("Middle East and North Africa")),
    ("north-america", gettext_lazy("North America")),
    ("global", gettext_lazy("Global")),
]
REGION_KEYS = {key for key, _name in REGIONS}


class ContactWayBlock(blocks.StructBlock):
    """One way to reach INPUD: what it is for, and the address."""

    purpose = blocks.CharBlock(
        max_length=120, help_text="What to use it for, e.g. “Press”, “Membership”."
    )
    kind = blocks.ChoiceBlock(
        choices=[
            ("email", "E-mail"),
            ("postal", "Postal address"),
            ("signal", "Signal"),
            ("phone", "Telephone"),
            ("other", "Other"),
        ],
        help_text="How visitors use the address.",
    )
    address = blocks.TextBlock(help_text="The address itself, e.g. info@inpud.net.")
    note = blocks.CharBlock(
        required=False, max_length=300, help_text="Optional: hours, languages, who answers."
    )

    class Meta:
        icon = "mail"
        label = "Way to reach INPUD"
        template = "contact/blocks/contact_way.html"


class ContactPage(Page):
    """How to reach INPUD: the addresses editors enter, and what is safe to send. No
    form: the site never stores visitors' messages."""

    page_description = "The ways to reach INPUD, with a note on what is safe to send."

    intro = RichTextField(
        blank=True, features=["bold", "italic", "link"], help_text="A sentence or two on top."
    )
    ways = StreamField(
        [("way", ContactWayBlock())],
        blank=True,
        help_text="E-mail addresses per purpose, the postal address, secure channels.",
    )
    safety_note = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text="What is safe to send: e.g. do not name yourself or others in an e-mail; "
        "e-mail is not encrypted, Signal is.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("ways"),
        FieldPanel("safety_note"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    template = "contact/contact_page.html"

    class Meta:
        verbose_name = "contact page"


class MemberNetwork(TranslatableMixin, models.Model):
    """A regional or national network of people who use drugs that is a member of INPUD."""

    name = models.CharField(max_length=200, help_text="The network's name, as it uses it.")
    region = models.CharField(max_length=20, choices=REGIONS, help_text="INPUD's region.")
    country = models.CharField(
        max_length=100, blank=True, help_text="Leave empty for a regional network."
    )
    website = models.URLField(blank=True, help_text="Its own website, if it has one.")
    agreed_to_be_listed = models.BooleanField(
        default=False,
        help_text="Tick only once the network has agreed to be named here: in a country that "
        "criminalises it, being listed can endanger it. Unticked networks are never shown.",
    )

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("country"),
        SynchronizedField("region"),
        SynchronizedField("website"),
        SynchronizedField("agreed_to_be_listed"),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("region"),
        FieldPanel("country"),
        FieldPanel("website"),
        FieldPanel("agreed_to_be_listed"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "member network"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def listed(cls, language, region=""):
        """The networks that agreed to be listed, in `language` where translated (else in
        English), sorted by name. One query."""
        default = languages.default_language()
        # The English row decides: a translation cannot list a network English does not.
        agreed = cls.objects.filter(
            locale_id__in=languages.locale_ids({default}), agreed_to_be_listed=True
        )
        if region:
            agreed = agreed.filter(region=region)
        rows = cls.objects.filter(
            translation_key__in=agreed.values("translation_key"),
            locale_id__in=languages.locale_ids({language, default}),
        )
        chosen = languages.choose_each(rows, lambda row: row.translation_key, language)
        return sorted(chosen, key=lambda row: row.name.casefold())


def other_language(row, language):
    """The row's language where it is not the visitor's (for lang=""), else None."""
    row_language = languages.language_of_locale(row.locale_id)
    return None if row_language == language else row_language


class MemberNetworksPage(Page):
    """The directory of INPUD's member networks, filterable by region."""

    page_description = "The directory of member networks (Snippets › Member networks)."

    query_parameters = ("region",)  # what the directory reads (the page cache keys on it)

    intro = RichTextField(
        blank=True, features=["bold", "italic", "link"], help_text="A sentence or two on top."
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["pages.HomePage", "pages.AboutPage"]
    subpage_types = []
    max_count_per_parent = 1

    template = "contact/member_networks_page.html"

    class Meta:
        verbose_name = "member networks page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        region = "".join(ch for ch in request.GET.get("region", "") if ch.isprintable()).strip()
        messages = []
        if region and region not in REGION_KEYS:
            messages.append(_("There is no such region; showing all regions."))
            region = ""
        language = languages.active_language()
        names = dict(REGIONS)
        context.update(
            regions=REGIONS,
            region=region,
            messages=messages,
            networks=[
                (network, names.get(network.region, ""), other_language(network, language))
                for network in MemberNetwork.listed(language, region)
            ],
            page_url=languages.url_in_language(self.get_url(request) or "/", language),
        )
        return context
