"""Atom feeds of each language's news: /<lang>/news/feed/ (every item) and
/<lang>/news/feed/<type>/ (one type), built by Django's syndication framework.

A feed holds only the live, public items written in its language: a reader who
subscribed to the French feed gets French items, never English ones standing in.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from news import listing
from news.items import NewsType
from sitewide import languages

FEED_LENGTH = 50


class StableAtom1Feed(Atom1Feed):
    """An empty feed is dated by its section page, not by the moment it is asked for
    (Django's default), so it stays the same bytes until something changes: the static
    mirror rewrites nothing for it, and caches can keep it."""

    def latest_post_date(self):
        if not self.items and self.feed.get("section_published_at"):
            return self.feed["section_published_at"]
        return super().latest_post_date()


class NewsFeed(Feed):
    feed_type = StableAtom1Feed
    author_name = "INPUD"

    def __init__(self, index):
        super().__init__()
        self.index = index

    def __call__(self, request, *args, **kwargs):
        self.request = request
        response = super().__call__(request, *args, **kwargs)
        response["Cache-Control"] = "public, max-age=300"
        return response

    def get_object(self, request, type_slug=None):
        language = languages.active_language()
        self.language = language
        if type_slug is None:
            return None
        names = listing.names_in(NewsType, language)
        kind = next((t for t in names.values() if t.slug == type_slug), None)
        if kind is None:
            raise Http404("No such type of item.")
        return kind

    def title(self, kind):
        if kind is None:
            return _("INPUD: news and statements")
        return _("INPUD: %(type)s") % {"type": kind.name}

    def subtitle(self, kind):
        return _(
            "News, statements and calls from the International Network of People who Use Drugs."
        )

    def link(self, kind):
        url = languages.url_in_language(self.index.get_url(self.request) or "/", self.language)
        return f"{url}?type={kind.slug}" if kind else url

    def feed_extra_kwargs(self, kind):
        return {"section_published_at": self.index.last_published_at}

    def feed_url(self, kind):
        return self.request.path

    def items(self, kind):
        items = listing.items_in_language(self.language)
        if kind is not None:
            items = items.filter(news_type__slug=kind.slug)
        return items[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at
