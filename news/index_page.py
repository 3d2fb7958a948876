"""The news section page: the list (news.listing) and the Atom feeds (news.feeds)."""

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from news import feeds, listing


class NewsIndexPage(RoutablePageMixin, Page):
    """The news section: every news item and statement, newest first, with filters and feeds."""

    page_description = "The news section: lists its items newest first, with filters and feeds."

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A sentence or two above the list.",
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    # What the list reads from the address (the page cache keys on these only).
    query_parameters = listing.LISTING_PARAMS

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["news.NewsItemPage"]
    max_count_per_parent = 1

    template = "news/news_index_page.html"

    class Meta:
        verbose_name = "news index page"

    @path("")
    def listing(self, request):
        context = listing.listing_context(self, request)
        if "last_page" in context:  # past the end (an old link): the last page
            return listing.redirect_to_page(request, context)
        return self.render(request, context_overrides=context)

    @path("feed/")
    def feed(self, request):
        return feeds.NewsFeed(self)(request)

    @path("feed/<slug:type_slug>/")
    def feed_of_type(self, request, type_slug):
        return feeds.NewsFeed(self)(request, type_slug=type_slug)
