import datetime
import re

import pytest
from wagtail.models import Collection, CollectionViewRestriction, Locale

from documents.models import LibraryDocument
from tests.factories import (
    CategoryFactory,
    PublicationFactory,
    PublicationSeriesFactory,
)

pytestmark = pytest.mark.django_db


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


def test_library_lists_publications_newest_first_with_type_and_size(client, library):
    strategy = CategoryFactory(name="Strategy")
    PublicationFactory(
        title="Older report", publication_date=datetime.date(2019, 5, 1), category=strategy
    )
    PublicationFactory(title="Newer guide", publication_date=datetime.date(2024, 5, 1))

    html = html_of(client.get("/en/resources/"))

    assert html.index("Newer guide") < html.index("Older report")
    assert len(re.findall(r"\(PDF, [\d.]+\xa0(?:bytes|KB), 1 page, in English\)", html)) == 2
    assert "Strategy" in html
    assert "2 publications" in html


def test_search_narrows_the_list(client, library):
    PublicationFactory(title="INPUD Strategic Plan 2021-2024")
    PublicationFactory(title="Articles of Association")

    html = html_of(client.get("/en/resources/", {"q": "strategic"}))

    assert "INPUD Strategic Plan 2021-2024" in html
    assert "Articles of Association" not in html


def test_category_language_and_year_filters(client, library):
    guide = CategoryFactory(name="Guide")
    PublicationFactory(title="Guide in Russian", category=guide, languages=["en", "ru"])
    PublicationFactory(
        title="Old statement", publication_date=datetime.date(2015, 3, 3), languages=["en"]
    )

    by_category = html_of(client.get("/en/resources/", {"category": "guide"}))
    by_language = html_of(client.get("/en/resources/", {"language": "ru"}))
    by_year = html_of(client.get("/en/resources/", {"year": "2015"}))

    assert "Guide in Russian" in by_category and "Old statement" not in by_category
    assert "Guide in Russian" in by_language and "Old statement" not in by_language
    assert "Old statement" in by_year and "Guide in Russian" not in by_year


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": "abc"}, "There is no such page of results; showing the first."),
        ({"page": "-3"}, "There is no such page of results; showing the first."),
        ({"year": "abcd"}, "The year must be written like 2024; showing all years."),
        ({"year": "99999999999999999999"}, "The year must be written like 2024"),
        ({"year": "9" * 5000}, "The year must be written like 2024"),
        ({"year": "\u0662\u0660\u0662\u0664"}, "The year must be written like 2024"),
        ({"category": "x" * 5000}, "There is no such category; showing all categories."),
        ({"language": "\u0130" * 5000}, "There is no such language; showing all languages."),
        ({"category": "no-such"}, "There is no such category; showing all categories."),
        ({"language": "xx"}, "There is no such language; showing all languages."),
        ({"q": "a" * 5000}, "Your search was long, so only its first words were used."),
        ({"q": "word " * 40}, "Your search was long, so only its first words were used."),
    ],
)
def test_bad_parameters_give_a_clear_message_never_an_error(client, library, params, message):
    PublicationFactory(title="Any publication")

    html = html_of(client.get("/en/resources/", params))

    assert message in html


def test_markup_in_the_search_is_never_echoed_unescaped(client, library):
    attack = '"><script>alert(1)</script><img src=x onerror=alert(2)>'

    html = html_of(client.get("/en/resources/", {"q": attack, "category": attack}))

    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    # The box shows the words searched for: punctuation is no part of a search.
    assert 'value="script alert 1 script img src x onerror alert 2"' in html
    assert "No publications match your search" in html


def test_null_bytes_and_odd_characters_in_the_search_are_harmless(client, library):
    response = client.get("/en/resources/", {"q": "strat\x00egic & | ! ( ) : * ' \\"})

    assert response.status_code == 200


def test_the_filter_form_is_a_plain_get_form_and_sets_no_cookie(client, library):
    response = client.get("/en/resources/")

    html = html_of(response)
    assert '<form class="library-filters" method="get" action="/en/resources/"' in html
    assert response.cookies == {}


def test_pagination_keeps_the_filters(client, library):
    library.per_page = 5
    library.save_revision().publish()
    for number in range(7):
        PublicationFactory(title=f"Guide number {number}", languages=["fr"])

    html = html_of(client.get("/en/resources/", {"language": "fr"}))

    assert "Page 1 of 2" in html
    assert 'href="?language=fr&amp;page=2"' in html


def test_french_visitor_sees_the_french_file_or_a_labelled_english_one(client, library):
    Locale.objects.get_or_create(language_code="fr")
    PublicationFactory(title="Bilingual plan", languages=["en", "fr"])
    PublicationFactory(title="English only brief", languages=["en"])

    html = html_of(client.get("/fr/resources/"))

    assert '<html lang="fr"' in html
    assert 'hreflang="fr" type="application/pdf"' in html
    # The English-only brief is labelled, in French (which writes language names lowercase).
    assert "Non disponible dans votre langue ; ce fichier est en anglais." in html
    assert html.count("fallback-note") == 1
    # Links stay in the visitor's language even while only the English tree exists.
    assert 'href="/fr/resources/publications/bilingual-plan/"' in html


def test_every_language_is_listed_and_named_in_itself(client, library):
    PublicationFactory(title="Multilingual", languages=["en", "fr", "es", "ru"])

    html = html_of(client.get("/en/resources/"))

    for name, code in [("Français", "fr"), ("Español", "es"), ("Русский", "ru")]:
        assert f'hreflang="{code}" lang="{code}" type="application/pdf">{name}</a>' in html


def test_superseded_versions_are_listed_as_such(client, library):
    series = PublicationSeriesFactory(key="strategic-plan")
    PublicationFactory(
        title="Plan 2021-2024", series=series, publication_date=datetime.date(2021, 1, 1)
    )
    PublicationFactory(
        title="Plan 2025-2028",
        series=series,
        is_current_version=True,
        publication_date=datetime.date(2025, 1, 1),
    )

    html = html_of(client.get("/en/resources/"))

    newer, older = html.index("Plan 2025-2028"), html.index("Plan 2021-2024")
    assert html.index("Current version", newer) < older
    assert html.index("Superseded", older) > older


def test_detail_page_shows_languages_versions_and_permanent_link(client, library):
    series = PublicationSeriesFactory(key="strategic-plan")
    PublicationFactory(
        title="Plan 2021-2024", series=series, publication_date=datetime.date(2021, 1, 1)
    )
    PublicationFactory(
        title="Plan 2025-2028",
        series=series,
        is_current_version=True,
        publication_date=datetime.date(2025, 1, 1),
        languages=["en", "fr"],
    )

    html = html_of(client.get("/en/resources/publications/plan-2021-2024/"))

    assert "<h1>Plan 2021-2024</h1>" in html
    assert "A newer version of this publication exists." in html
    assert 'href="/en/resources/strategic-plan/"' in html
    assert "Plan 2025-2028" in html and "Superseded" in html


def test_unknown_publication_is_a_404(client, library):
    assert client.get("/en/resources/publications/no-such/").status_code == 404


def test_library_query_count_does_not_grow_with_publications(client, library, render_queries):
    library.per_page = 100
    library.save_revision().publish()
    series = PublicationSeriesFactory()
    category = CategoryFactory(name="Report")

    def make(count, offset):
        for number in range(offset, offset + count):
            PublicationFactory(
                title=f"Report {number}",
                category=category,
                series=series if number % 3 == 0 else None,
                languages=["en", "fr"],
            )

    queries_for = render_queries
    make(10, 0)
    small = queries_for("/en/resources/"), queries_for("/en/resources/?q=report&language=fr")
    make(50, 10)
    large = queries_for("/en/resources/"), queries_for("/en/resources/?q=report&language=fr")

    assert large == small


def test_categories_show_in_the_visitors_language(client, library):
    french = Locale.objects.get_or_create(language_code="fr")[0]
    guide = CategoryFactory(name="Guide", slug="guide")
    translated = guide.copy_for_translation(french)
    translated.name = "Guide pratique"
    translated.save()
    PublicationFactory(title="Naloxone guide", category=guide)

    in_french = html_of(client.get("/fr/resources/", {"category": "guide"}))
    in_english = html_of(client.get("/en/resources/", {"category": "guide"}))

    assert '<span class="category">Guide pratique</span>' in in_french
    assert '<option value="guide" selected>Guide pratique</option>' in in_french
    assert '<span class="category">Guide</span>' in in_english


def test_a_page_past_the_end_leads_to_the_last_page_keeping_the_filters(client, library):
    library.per_page = 5
    library.save()
    for number in range(7):
        PublicationFactory(title=f"Report {number}")

    response = client.get("/en/resources/", {"q": "report", "page": "9"})

    assert response.status_code == 302
    assert response["Location"] == "/en/resources/?q=report&page=2"
    html = html_of(client.get(response["Location"]))
    assert "Page 2 of 2" in html
    assert html.count('class="publication"') == 2


def test_a_publication_page_has_its_own_canonical_link_title_and_language_versions(client, library):
    PublicationFactory(
        title="Drug checking guide", summary="How services test drugs.", languages=["en"]
    )

    html = html_of(client.get("/en/resources/publications/drug-checking-guide/"))

    here = "http://testserver/en/resources/publications/drug-checking-guide/"
    assert f'<link rel="canonical" href="{here}">' in html
    assert '<link rel="alternate" hreflang="x-default" href="' + here in html
    assert "<title>Drug checking guide | INPUD</title>" in html
    assert '<meta property="og:title" content="Drug checking guide">' in html
    assert '<meta name="description" content="How services test drugs.">' in html
    # The language switcher stays on this publication.
    assert 'href="/fr/resources/publications/drug-checking-guide/"' in html


def move_files(publication, collection, language=None):
    documents = LibraryDocument.objects.filter(publication_files__publication=publication)
    if language:
        documents = documents.filter(language=language)
    documents.update(collection=collection)


def test_files_in_a_restricted_collection_or_below_one_are_never_listed(client, library):
    root = Collection.get_first_root_node()
    board = root.add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=board, restriction_type=CollectionViewRestriction.LOGIN
    )
    move_files(PublicationFactory(title="Board minutes"), board)
    plan = PublicationFactory(title="Strategic plan", languages=["en", "fr"])
    move_files(plan, board.add_child(name="Drafts"), language="fr")
    move_files(PublicationFactory(title="Open report"), root.add_child(name="Reports"))

    listing = html_of(client.get("/en/resources/"))
    in_french = html_of(client.get("/en/resources/", {"language": "fr"}))

    assert "Strategic plan" in listing and "Open report" in listing
    assert "Board minutes" not in listing
    assert "2 publications" in listing
    assert "plan-fr.pdf" not in listing  # the French file sits below the restricted collection
    assert "Strategic plan" not in in_french
    assert client.get("/en/resources/publications/board-minutes/").status_code == 404
    # The site search lists what the library lists, and nothing else.
    searched = html_of(client.get("/en/search/", {"q": "board minutes strategic open"}))
    for title in ("Strategic plan", "Open report"):
        assert html_of(client.get("/en/search/", {"q": title})).count(f">{title}</a>") == 1
    assert "Board minutes" not in searched
    assert "Board minutes" not in html_of(client.get("/en/search/", {"q": "board minutes"}))
    assert "plan-fr.pdf" not in searched


@pytest.mark.parametrize("number", ["9223372036854775808", "99999999999999999999999", "9" * 5000])
def test_a_page_number_past_any_database_integer_leads_to_the_last_page(client, library, number):
    library.per_page = 5
    library.save()
    for index in range(7):
        PublicationFactory(title=f"Report {index}")

    response = client.get("/en/resources/", {"page": number})
    second = client.get("/en/resources/", {"page": "2"})

    assert response.status_code == 302
    assert response["Location"] == "/en/resources/?page=2"
    assert "Page 2 of 2" in html_of(second)


@pytest.mark.parametrize("number", ["\u0661\u0662", "1_0", "+2", "1e3", "0x2", "²", "00"])
def test_a_page_number_not_written_in_plain_digits_shows_the_first_page(client, library, number):
    PublicationFactory(title="Any publication")

    html = html_of(client.get("/en/resources/", {"page": number}))

    assert "There is no such page of results; showing the first." in html
    assert "Any publication" in html


@pytest.mark.parametrize("query", ['"naloxone', 'naloxone"', "javascript:alert", "title:x"])
def test_a_quote_or_a_column_filter_in_the_search_is_just_punctuation(client, library, query):
    # Its words, whatever the punctuation between them: naloxone, javascript alert, title x.
    PublicationFactory(title="Naloxone saves lives", summary="No javascript alert in title x.")
    PublicationFactory(title="Strategic Plan 2025-2028")

    found = html_of(client.get("/en/resources/", {"q": query}))
    control = html_of(client.get("/en/resources/", {"q": "strategic"}))

    assert "Naloxone saves lives" in found
    assert "Strategic Plan 2025-2028" not in found
    assert "Strategic Plan 2025-2028" in control


@pytest.mark.parametrize("language", ["fr", "es", "ru"])
def test_a_quote_in_the_search_is_harmless_in_every_language(client, library, language):
    Locale.objects.get_or_create(language_code=language)
    PublicationFactory(title="Naloxone saves lives")

    html = html_of(client.get(f"/{language}/resources/", {"q": '"naloxone'}))

    assert "Naloxone saves lives" in html
