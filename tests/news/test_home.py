"""The home page shows what is current: the newest news items, the current Strategic Plan
with its size, and the who-we-are cards with texts from the pages themselves."""

import datetime
import re

import pytest

from tests.factories import (
    AboutPageFactory,
    AimsPageFactory,
    NewsItemPageFactory,
    PublicationFactory,
    PublicationSeriesFactory,
)

pytestmark = pytest.mark.django_db


def test_the_home_page_shows_the_newest_published_items(client, news):
    index = news["index"]
    for day in range(1, 5):
        NewsItemPageFactory(parent=index, title=f"Item {day}", date=datetime.date(2025, 5, day))
    draft = NewsItemPageFactory(parent=index, title="Draft item", date=datetime.date(2025, 6, 1))
    draft.unpublish()

    html = client.get("/en/").content.decode()

    assert re.findall(r"<h3><a [^>]+>(Item \d)</a></h3>", html) == ["Item 4", "Item 3", "Item 2"]
    assert "Draft item" not in html
    assert '<a href="/en/news/">All news and statements</a>' in html


def test_the_home_page_without_news_shows_no_empty_section(client, news):
    assert "Latest news and statements" not in client.get("/en/").content.decode()


def test_the_home_page_features_the_current_strategic_plan_with_its_size(client, home):
    series = PublicationSeriesFactory(key="strategic-plan")
    PublicationFactory(title="Strategic Plan 2021-2024", series=series)
    PublicationFactory(
        title="Strategic Plan 2025-2028",
        series=series,
        is_current_version=True,
        publication_date=datetime.date(2025, 1, 1),
        languages=["en", "fr"],
    )

    english = client.get("/en/").content.decode()
    french = client.get("/fr/").content.decode()

    assert "Strategic Plan 2025-2028</a>" in english
    assert "Strategic Plan 2021-2024" not in english
    assert re.search(
        r'Strategic Plan 2025-2028</a> <span class="file-facts">\(PDF, [\d.,]+\xa0(KB|bytes)',
        english,
    )
    assert 'hreflang="fr"' in french.split('id="strategic-plan"')[1]


def test_card_texts_follow_the_pages(client, home):
    about = AboutPageFactory(parent=home)
    aims = AimsPageFactory(parent=about, search_description="INPUD's seven aims.")
    assert "INPUD&#x27;s seven aims." in client.get("/en/").content.decode()

    aims.search_description = "What INPUD works for."
    aims.save_revision().publish()

    html = client.get("/en/").content.decode()
    assert "What INPUD works for." in html
    assert "seven" not in html
