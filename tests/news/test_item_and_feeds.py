"""A news item's page, and the Atom feeds: valid Atom (the required elements, RFC 3339
dates, absolute URLs), only live items of the feed's language."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

from tests.factories import NewsItemPageFactory, PublicationFactory, PublicationSeriesFactory
from tests.news.helpers import publish_translation

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 date-time: full date, "T", time with optional fraction, Z or an offset.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def test_an_item_shows_its_type_date_summary_body_cosigners_and_topics(client, news):
    item = NewsItemPageFactory(
        parent=news["index"],
        title="Stop executions for drug offences",
        news_type=news["types"]["statement"],
        topics=[news["topics"]["ukraine"]],
        summary="A joint statement.",
        body=[
            ("heading", "What we ask"),
            ("paragraph", "<p>End the death penalty.</p>"),
            ("quote", {"quote": "Nothing about us without us.", "attribution": "INPUD"}),
            ("cosignatories", {"heading": "", "organisations": ["EuroNPUD", "ANPUD"]}),
        ],
    )

    html = client.get(item.url).content.decode()

    assert "<h1>Stop executions for drug offences</h1>" in html
    assert '<time datetime="2025-06-26">' in html
    assert '<span class="news-type">Statement</span>' in html
    assert "<h2>What we ask</h2>" in html
    assert "<blockquote><p>Nothing about us without us.</p></blockquote>" in html
    assert "<h2>Signed by</h2>" in html and "<li>EuroNPUD</li><li>ANPUD</li>" in html
    assert "<span>Ukraine</span>" in html
    assert (
        '<link rel="canonical" href="http://testserver/en/news/stop-executions-for-drug-offences/">'
        in html
    )
    assert '<meta property="og:description" content="A joint statement.">' in html


def test_a_publication_link_shows_format_size_and_language(client, news):
    plan = PublicationFactory(title="Strategic Plan", languages=["en", "fr"])
    series = PublicationSeriesFactory(key="strategic-plan")
    PublicationFactory(title="Plan 2025", series=series, is_current_version=True)
    item = NewsItemPageFactory(
        parent=news["index"],
        body=[
            ("publication", {"publication": plan, "series": None, "label": ""}),
            ("publication", {"publication": None, "series": series, "label": "Our plan"}),
        ],
    )

    english = client.get(item.url).content.decode()
    french = client.get(f"/fr/news/{item.slug}/").content.decode()

    english_file = plan.files.get(document__language="en").document
    assert (
        f'<a href="{english_file.url}" hreflang="en" type="application/pdf">Strategic Plan</a>'
        in english
    )
    assert re.search(r"\(PDF, [\d.]+\xa0(KB|bytes), in English\)", english)
    assert re.search(r"\(PDF, [\d,]+\xa0(Kio|octets), en français\)", french)
    assert 'type="application/pdf">Our plan</a>' in english


def test_related_items_link_in_the_visitors_language(client, news):
    other = NewsItemPageFactory(parent=news["index"], title="Earlier statement")
    item = NewsItemPageFactory(parent=news["index"], related_items=[("item", other)])

    html = client.get(f"/fr/news/{item.slug}/").content.decode()

    assert f'<li lang="en"><a href="/fr/news/{other.slug}/">Earlier statement</a></li>' in html


def parse_feed(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def assert_valid_atom(feed):
    """RFC 4287's required elements: the feed's id, title, updated and author (or an
    author on every entry); each entry's id, title, updated and an alternate link."""
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{name}") is not None, name
    assert feed.find(f"{ATOM}author/{ATOM}name") is not None
    assert RFC3339.match(feed.find(f"{ATOM}updated").text)
    self_link = feed.find(f"{ATOM}link[@rel='self']")
    assert self_link is not None and self_link.get("href").startswith("http://testserver/")
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{name}") is not None, name
        assert RFC3339.match(entry.find(f"{ATOM}updated").text)
        published = entry.find(f"{ATOM}published")
        assert published is None or RFC3339.match(published.text)
        link = entry.find(f"{ATOM}link[@rel='alternate']")
        assert link.get("href").startswith("http://testserver/")


def entry_titles(feed):
    return [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")]


def test_the_feed_is_valid_atom_with_only_live_items_of_its_language(client, news):
    index, statement = news["index"], news["types"]["statement"]
    NewsItemPageFactory(parent=index, title="Live statement", news_type=statement)
    NewsItemPageFactory(parent=index, title="Live news", news_type=news["types"]["news"])
    draft = NewsItemPageFactory(parent=index, title="Draft")
    draft.unpublish()
    translated = NewsItemPageFactory(parent=index, title="Translated")
    publish_translation(translated, "fr", title="Traduit")

    english = parse_feed(client.get("/en/news/feed/"))
    french = parse_feed(client.get("/fr/news/feed/"))
    statements = parse_feed(client.get("/en/news/feed/statement/"))

    for feed in (english, french, statements):
        assert_valid_atom(feed)
    assert sorted(entry_titles(english)) == ["Live news", "Live statement", "Translated"]
    assert entry_titles(french) == ["Traduit"]
    assert entry_titles(statements) == ["Live statement"]
    assert french.get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    link = french.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert link == f"http://testserver/fr/news/{translated.slug}/"


def test_an_empty_feed_is_still_valid_and_an_unknown_type_is_not_found(client, news):
    assert_valid_atom(parse_feed(client.get("/ru/news/feed/")))
    assert client.get("/en/news/feed/no-such-type/").status_code == 404


def test_the_list_links_its_feeds_as_alternates(client, news):
    html = client.get("/en/news/").content.decode()

    assert (
        '<link rel="alternate" type="application/atom+xml" title="INPUD: news and statements" href="http://testserver/en/news/feed/">'
        in html
    )
    assert 'href="http://testserver/en/news/feed/statement/">' in html


def test_a_scheduled_item_is_nowhere_before_its_time(client, news):
    item = NewsItemPageFactory(parent=news["index"], title="Embargoed")
    item.unpublish()
    item.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    item.save_revision().publish()  # with a future go-live: scheduled, not live

    item.refresh_from_db()
    assert not item.live
    assert "Embargoed" not in client.get("/en/news/").content.decode()
    assert entry_titles(parse_feed(client.get("/en/news/feed/"))) == []
    assert client.get(f"/en/news/{item.slug}/").status_code == 404
