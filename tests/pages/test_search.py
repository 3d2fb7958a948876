"""Site search: finds pages in the visitor's language, answers bad input cleanly."""

import pytest
from wagtail.models import Locale, Page

from tests.conftest import kept_for_the_module, make_about_tree, make_home
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def tree_for_the_module(django_db_setup, django_db_blocker, tmp_path_factory):
    """Home > About > Aims, Principles, Governance, made once for the module: what a test
    changes (a page published, unpublished or added) is rolled back after it."""
    with kept_for_the_module(django_db_blocker, tmp_path_factory.mktemp("media")):
        yield {name: page.pk for name, page in make_about_tree(make_home()).items()}


@pytest.fixture
def about_tree(tree_for_the_module, db):
    """The module's pages, read afresh for each test (the last one may have changed them)."""
    return {name: Page.objects.get(pk=pk).specific for name, pk in tree_for_the_module.items()}


@pytest.fixture
def home(about_tree):
    return about_tree["home"]


def test_search_finds_a_page_by_its_content(client, about_tree):
    aims = about_tree["aims"]
    aims.aims = [("aim", "<p>Promote harm reduction everywhere.</p>")]
    aims.save_revision().publish()

    response = client.get("/en/search/", {"q": "harm reduction"})

    assert response.status_code == 200
    assert 'href="/en/about/aims/">Our aims</a>' in response.content.decode()


def test_search_never_lists_unpublished_pages(client, about_tree):
    about_tree["governance"].unpublish()

    html = client.get("/en/search/", {"q": "Governance"}).content.decode()

    assert "/en/about/governance/" not in html


def test_empty_search_invites_a_query(client, home):
    response = client.get("/en/search/")

    assert response.status_code == 200
    assert "Type a word or two to search the site." in response.content.decode()


def test_no_results_says_so(client, about_tree):
    html = client.get("/en/search/", {"q": "zzyzx"}).content.decode()

    assert "No results for “zzyzx”" in html


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "'",
        "&|!:*()",
        "AND OR NOT",
        "<script>alert(1)</script>",
        "drug\x00users",
        "-",
        "ünïcödé наркотики 药物",
        "a" * 5000,
    ],
)
def test_odd_queries_answer_cleanly_and_never_echo_markup(client, about_tree, query):
    response = client.get("/en/search/", {"q": query, "page": "abc"})
    html = response.content.decode()

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html


def test_long_query_is_cut_with_a_notice(client, home):
    html = client.get("/en/search/", {"q": "harm " * 1000}).content.decode()

    assert "Your search was long, so only its first words were used." in html


def test_a_short_query_has_no_notice(client, home):
    html = client.get("/en/search/", {"q": "harm reduction"}).content.decode()

    assert "only its first words were used" not in html


@pytest.mark.parametrize("page_number", ["abc", "0", "-1", "999999", "1.5"])
def test_bad_page_numbers_answer_cleanly(client, about_tree, page_number):
    response = client.get("/en/search/", {"q": "INPUD", "page": page_number})

    assert response.status_code == 200


def test_search_sets_no_cookie(client, about_tree):
    assert client.get("/en/search/", {"q": "aims"}).cookies == {}


@pytest.fixture
def many_results(about_tree):
    """15 pages that a search for "outreach" finds: two pages of results."""
    for number in range(15):
        StandardPageFactory(
            parent=about_tree["home"],
            title=f"Outreach {number}",
            intro="<p>Outreach work.</p>",
        )
    return about_tree


@pytest.mark.parametrize("number", ["9223372036854775808", "99999999999999999999999", "9" * 5000])
def test_a_page_number_past_any_database_integer_gives_the_last_page(client, many_results, number):
    html = client.get("/en/search/", {"q": "outreach", "page": number}).content.decode()
    second = client.get("/en/search/", {"q": "outreach", "page": "2"}).content.decode()

    assert "Page 2 of 2" in html
    assert "Page 2 of 2" in second
    assert "There is no such page of results" not in second


@pytest.mark.parametrize("number", ["abc", "0", "-1", "\u0661", "1e3", "nan"])
def test_a_page_number_not_written_in_plain_digits_gives_the_first_page_and_says_so(
    client, many_results, number
):
    html = client.get("/en/search/", {"q": "outreach", "page": number}).content.decode()

    assert "Page 1 of 2" in html
    assert "There is no such page of results; showing the first." in html


@pytest.mark.parametrize("language", ["en", "fr", "es", "ru"])
@pytest.mark.parametrize("query", ['"aims', "title:aims", "aims:*", 'ai"ms'])
def test_quotes_and_column_filters_are_punctuation_in_every_language(
    client, about_tree, language, query
):
    Locale.objects.get_or_create(language_code=language)
    aims = about_tree["aims"]
    aims.aims = [("aim", "<p>Title of every aims page.</p>")]
    aims.save_revision().publish()

    response = client.get(f"/{language}/search/", {"q": query})

    assert response.status_code == 200
    if query != 'ai"ms':  # "ai ms" are two other words
        assert "/about/aims/" in response.content.decode()
