"""News and statements: the news section of each language and its items.

Tree (one per language): Home > News > items. An item's type and topics are snippets
shared by every language (their names are translated, their slugs are not), so a filter
address such as /fr/news/?type=statement means the same in every language.
"""

import datetime

from django import forms
from django.db import models
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from news.blocks import NewsBodyBlock


class NamedSnippet(TranslatableMixin, models.Model):
    name = models.CharField(max_length=100, help_text="The name visitors read.")
    slug = models.SlugField(
        max_length=100,
        help_text="Its part of filter addresses, e.g. ?type=statement. The same in every "
        "language: translators translate the name only.",
    )

    translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]
    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class NewsType(NamedSnippet):
    """What kind of item it is: news, statement, response or letter, call, event."""

    class Meta(NamedSnippet.Meta):
        verbose_name = "news type"
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class Topic(NamedSnippet):
    """What an item is about (e.g. harm reduction, decriminalisation, Ukraine)."""

    class Meta(NamedSnippet.Meta):
        verbose_name = "topic"
        unique_together = [("translation_key", "locale"), ("slug", "locale")]


class NewsItemPage(Page):
    """One news item, statement, letter, call or event announcement."""

    page_description = "A news item, statement, response or letter, call, or event."

    date = models.DateField(
        default=datetime.date.today,
        help_text="The date shown on the item; the list is sorted by it, newest first. "
        "To publish later, set the go-live time on the Settings tab.",
    )
    news_type = models.ForeignKey(
        NewsType,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="type",
        help_text="News, statement, response or letter, call, event (Snippets › News types).",
    )
    summary = models.TextField(
        max_length=400,
        help_text="One or two sentences: shown in the list, the home page, the feed and "
        "link previews.",
    )
    body = StreamField(NewsBodyBlock(), blank=True, help_text="The item's text.")
    topics = ParentalManyToManyField(
        Topic,
        blank=True,
        related_name="+",
        help_text="What the item is about (Snippets › Topics). Visitors can filter by them.",
    )
    related_items = StreamField(
        [("item", blocks.PageChooserBlock(page_type="news.NewsItemPage"))],
        blank=True,
        help_text="Other news items to read next.",
    )

    override_translatable_fields = [
        SynchronizedField("date"),
        SynchronizedField("news_type"),
        SynchronizedField("topics"),
    ]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("news_type", widget=forms.Select)],
            heading="Date and type",
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("related_items"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "news item"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["meta_description"] = self.search_description or self.summary
        return context
