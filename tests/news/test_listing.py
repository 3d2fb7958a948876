"""The news list: newest first, ten to a page, filtered by type, topic and year, in the
visitor's language with English items where not translated."""

import datetime
import re

import pytest

from tests.factories import NewsItemPageFactory
from tests.news.helpers import publish_translation

pytestmark = pytest.mark.django_db


def titles(response):
    return re.findall(
        r'<li class="news-entry"[^>]*>\s*<h2><a href="[^"]+">([^<]+)</a>', response.content.decode()
    )


def test_the_empty_section_says_so_in_the_visitors_language(client, news):
    response = client.get("/en/news/")
    assert response.status_code == 200
    assert "No news yet." in response.content.decode()

    french = client.get("/fr/news/").content.decode()
    assert '<html lang="fr"' in french
    assert "No news yet." not in french  # the French catalogue's own words


def test_the_list_is_newest_first_and_paginated(client, news):
    for day in range(1, 13):
        NewsItemPageFactory(
            parent=news["index"], title=f"Item {day:02}", date=datetime.date(2025, 1, day)
        )

    first = client.get("/en/news/")
    second = client.get("/en/news/?page=2")

    assert titles(first) == [f"Item {day:02}" for day in range(12, 2, -1)]
    assert titles(second) == ["Item 02", "Item 01"]
    assert 'rel="next" href="?page=2"' in first.content.decode()


def test_a_page_past_the_end_leads_to_the_last_page_with_the_filters_kept(client, news):
    NewsItemPageFactory(parent=news["index"], news_type=news["types"]["statement"])

    response = client.get("/en/news/?type=statement&page=99")

    assert response.status_code == 302
    assert response["Location"] == "/en/news/?type=statement&page=1"


def test_filters_by_type_topic_and_year(client, news):
    index, types, topics = news["index"], news["types"], news["topics"]
    NewsItemPageFactory(
        parent=index,
        title="Joint statement on Ukraine",
        news_type=types["statement"],
        topics=[topics["ukraine"]],
        date=datetime.date(2024, 3, 1),
    )
    NewsItemPageFactory(
        parent=index,
        title="Call for applications",
        news_type=types["call"],
        topics=[topics["harm-reduction"]],
        date=datetime.date(2025, 3, 1),
    )

    assert titles(client.get("/en/news/?type=statement")) == ["Joint statement on Ukraine"]
    assert titles(client.get("/en/news/?topic=harm-reduction")) == ["Call for applications"]
    assert titles(client.get("/en/news/?year=2024")) == ["Joint statement on Ukraine"]
    assert titles(client.get("/en/news/?type=call&year=2024")) == []
    assert titles(client.get("/en/news/")) == [
        "Call for applications",
        "Joint statement on Ukraine",
    ]


def test_a_bad_filter_is_dropped_with_a_message(client, news):
    NewsItemPageFactory(parent=news["index"], title="Still listed")

    response = client.get("/en/news/?type=nonsense&topic=no%00such&year=99999")
    html = response.content.decode()

    assert response.status_code == 200
    assert titles(response) == ["Still listed"]
    assert "There is no such type of item" in html
    assert "There is no such topic" in html
    assert "The year must be written like 2024" in html


def test_the_filters_work_without_javascript_as_a_plain_get_form(client, news):
    html = client.get("/en/news/").content.decode()

    assert '<form class="news-filters" method="get" action="/en/news/">' in html
    for name in ("type", "topic", "year"):
        assert f'name="{name}"' in html
    assert "<script" not in html


def test_french_visitors_get_french_items_and_english_ones_marked_english(client, news):
    english = NewsItemPageFactory(
        parent=news["index"], title="Only in English", date=datetime.date(2025, 1, 2)
    )
    translated = NewsItemPageFactory(
        parent=news["index"], title="Translated", date=datetime.date(2025, 1, 1)
    )
    publish_translation(translated, "fr", title="Traduit")

    html = client.get("/fr/news/").content.decode()

    assert titles(client.get("/fr/news/")) == ["Only in English", "Traduit"]
    assert f'<li class="news-entry" lang="en">\n  <h2><a href="/fr/news/{english.slug}/">' in html
    assert "Translated</a>" not in html
