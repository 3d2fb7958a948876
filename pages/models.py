"""Page types of the INPUD website.

Tree (one per language): Home > About > Aims, Principles, Governance; Home and About
can also hold standard pages (the Vancouver Declaration, the privacy statement).
"""

from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField

from pages import navigation
from pages.blocks import INLINE_FEATURES, TEXT_FEATURES, AimBlock, BodyBlock, PrincipleBlock
from pages.identity import SiteIdentity
from pages.snippets import Footer, Person
from sitewide import languages

__all__ = [
    "AboutPage",
    "AimsPage",
    "Footer",
    "GovernancePage",
    "HomePage",
    "Person",
    "PrinciplesPage",
    "SiteIdentity",
    "StandardPage",
]


class HomePage(Page):
    """The front page of one language's site: who INPUD is, with links to the sections."""

    page_description = "The front page of one language's site."

    intro = RichTextField(
        blank=True,
        features=INLINE_FEATURES,
        help_text="One or two sentences under the site title: who INPUD is.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    # No subpage_types: a home page's children are the page types that name it among their
    # parents (About, standard pages, the library, and news and contact, apps above this
    # one that name it themselves).

    class Meta:
        verbose_name = "home page"

    def route(self, request, path_components):
        # A page not yet translated into the visitor's language is served from the
        # English tree under the same language prefix (rule 3, sitewide/languages.py).
        try:
            return self.route_by_path(request, path_components)
        except Http404:
            english_home = self.get_translation_or_none(Locale.get_default())
            if english_home is None or english_home.pk == self.pk:
                raise
            english = english_home.specific.route(request, path_components)
            # The English path may name a page whose translation has its own slug.
            translated = english.page.get_translation_or_none(self.locale)
            if languages.is_real_translation(translated):
                return RouteResult(translated.specific, english.args, english.kwargs)
            return english

    def route_by_path(self, request, path_components):
        """Find the page at this path in one query instead of one per level: the deepest
        page whose path begins the URL's, which routes what is left (the document library
        has its own routes: /resources/publications/<slug>/)."""
        if path_components:
            prefixes = [
                self.url_path + "".join(f"{part}/" for part in path_components[:depth])
                for depth in range(1, len(path_components) + 1)
            ]
            page = Page.objects.filter(url_path__in=prefixes).order_by("-depth").first()
            if page is not None:
                return page.specific.route(request, path_components[page.depth - self.depth :])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The "Who we are" section links to About and its sub-pages, read from the
        # English tree so that a renamed or added page shows up without editing this page.
        source = navigation.english_source(self)
        about = AboutPage.objects.child_of(source).live().first()
        pages = (
            [about, *navigation.with_restriction_flag(about.get_children().live())] if about else []
        )
        public = [page for page in pages if not getattr(page, "restricted", False)]
        context["who_we_are"] = navigation.localized_links(request, public)
        return context


class AboutPage(Page):
    """“Who we are”: what INPUD is, the Vancouver Declaration and the Strategic Plan."""

    page_description = (
        "“Who we are”: the About INPUD text, with links to the Vancouver Declaration "
        "and the Strategic Plan."
    )

    intro = RichTextField(
        blank=True,
        features=INLINE_FEATURES,
        help_text="A short summary shown at the top of the page and in search results.",
    )
    body = RichTextField(
        features=TEXT_FEATURES,
        help_text="The “About INPUD” text.",
    )
    vancouver_declaration = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The page with the Vancouver Declaration, linked under the text.",
    )
    strategic_plan = models.ForeignKey(
        "documents.LibraryDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Leave empty: the page links to the current Strategic Plan from the library, "
            "in the visitor's language. Choose a document only to pin one file."
        ),
    )

    # Every language links to the declaration in the visitor's language (the page's
    # template picks its translation), so translators have nothing to choose here.
    override_translatable_fields = [SynchronizedField("vancouver_declaration", overridable=False)]

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("vancouver_declaration"),
        FieldPanel("strategic_plan"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["pages.HomePage"]
    # No subpage_types: the page types that name About among their parents (aims,
    # principles, governance, standard pages, the member networks directory).
    max_count_per_parent = 1

    class Meta:
        verbose_name = "about page (who we are)"


class AimsPage(Page):
    """INPUD's aims, shown as a numbered list in the order editors set."""

    page_description = "INPUD's aims as a numbered list."

    intro = RichTextField(
        blank=True,
        features=INLINE_FEATURES,
        help_text="One or two sentences above the list.",
    )
    aims = StreamField(
        [("aim", AimBlock())],
        help_text="Each aim is one item; drag to reorder. Numbering follows the order.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("aims")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("aims")]

    parent_page_types = ["pages.AboutPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "aims page"


class PrinciplesPage(Page):
    """INPUD's principles, shown as a list in the order editors set."""

    page_description = "INPUD's principles as a list."

    intro = RichTextField(
        blank=True,
        features=INLINE_FEATURES,
        help_text="One or two sentences above the list.",
    )
    principles = StreamField(
        [("principle", PrincipleBlock())],
        help_text="Each principle is one item; drag to reorder.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("principles")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("principles"),
    ]

    parent_page_types = ["pages.AboutPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "principles page"


class GovernancePage(Page):
    """How INPUD is governed: the text, the board and the Articles of Association."""

    page_description = "How INPUD is governed, the board, and the Articles of Association."

    body = RichTextField(
        features=TEXT_FEATURES,
        help_text="How INPUD is governed.",
    )
    articles_of_association = models.ForeignKey(
        "documents.LibraryDocument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Leave empty: the page links to the current Articles of Association from the "
            "library, in the visitor's language. Choose a document only to pin one file."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("body"),
        FieldPanel("articles_of_association"),
        HelpPanel(
            content="The board is listed from <b>Snippets › People</b>, in the order set there."
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]

    parent_page_types = ["pages.AboutPage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = "governance page"

    @cached_property
    def board(self):
        return Person.board_for(translation.get_language())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["board"] = self.board
        return context


class StandardPage(Page):
    """A plain page for anything else: the Vancouver Declaration, the privacy statement."""

    page_description = (
        "A plain page of text and document links, e.g. a declaration or the privacy statement."
    )

    intro = RichTextField(
        blank=True,
        features=INLINE_FEATURES,
        help_text="A short summary shown at the top of the page and in search results.",
    )
    body = StreamField(BodyBlock(), blank=True, help_text="The page's content.")

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["pages.HomePage", "pages.AboutPage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = "standard page"
