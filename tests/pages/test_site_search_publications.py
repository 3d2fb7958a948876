"""The header search finds publications beside pages: the seeded Strategic Plan by its
title and by a word only its PDF says, in English and with the French interface; each
result says what it is, and a publication leads to its page in the library, not a file."""

import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from documents.publications import Publication
from tests.factories import (
    CategoryFactory,
    DocumentLibraryPageFactory,
    LibraryDocumentFactory,
    PublicationFactory,
    StandardPageFactory,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db

PLAN = "/resources/publications/inpud-strategic-plan-2021-2024/"
# In the seeded plan's PDF text, and nowhere else: not its title, summary or file title.
ONLY_IN_THE_PDF = "generated"


@pytest.fixture
def seeded(db):
    call_command("load_site_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Publication.objects.get(slug="inpud-strategic-plan-2021-2024")


def results_of(html):
    """The search results list, one string per result."""
    listed = html.split('<ol class="search-results"', 1)
    return (
        re.findall(r"<li.*?</li>", listed[1].split("</ol>", 1)[0], re.S) if len(listed) > 1 else []
    )


def search(client, language, words):
    response = client.get(f"/{language}/search/", {"q": words})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("words", ["strategic", ONLY_IN_THE_PDF])
def test_the_header_search_finds_the_seeded_strategic_plan(client, seeded, language, words):
    document = seeded.files.get().document
    # The premise: the second word is in the PDF's text only.
    assert ONLY_IN_THE_PDF in document.extracted_text
    for text in (seeded.title, seeded.summary, document.title):
        assert ONLY_IN_THE_PDF not in text.lower()

    html = search(client, language, words)

    plan = [r for r in results_of(html) if f'href="/{language}{PLAN}"' in r]
    assert len(plan) == 1
    assert "/documents/" not in plan[0]  # its page in the library, not straight to the file
    kind = {"en": "Publication · PDF, ", "fr": "Publication · PDF, "}[language]
    assert kind in plan[0]
    language_name = {"en": "English", "fr": "Anglais"}[language]
    assert re.search(rf"PDF, [\d.,]+\xa0(KB|Kio|bytes|octets), {language_name}</p>", plan[0])


def test_a_word_nothing_says_finds_no_publication(client, seeded):
    html = search(client, "en", "zzyzxquux")

    assert PLAN not in html
    assert "No results for “zzyzxquux”" in html
    assert PLAN in search(client, "en", "strategic")  # control


def test_pages_and_publications_are_listed_together_each_saying_what_it_is(client, seeded):
    html = search(client, "en", "governance")  # the Governance page, the Articles' category
    results = results_of(html)

    pages = [r for r in results if 'href="/en/about/governance/"' in r]
    articles = [r for r in results if "/resources/publications/inpud-articles-of-association/" in r]
    assert len(pages) == 1 and '<p class="result-kind" lang="en">Page</p>' in pages[0]
    assert len(articles) == 1 and "Publication · PDF" in articles[0]


def test_the_french_interface_names_the_kinds_in_french(client, seeded):
    results = results_of(search(client, "fr", "governance"))

    assert any('lang="fr">Page</p>' in r for r in results)
    assert any("Publication · PDF, " in r and "Anglais</p>" in r for r in results)
    assert any('href="/fr/about/governance/"' in r for r in results)


def test_a_search_stores_nothing(client, seeded):
    """Visitors' queries are never written anywhere (no hit counting)."""
    with CaptureQueriesContext(connection) as queries:
        html = search(client, "en", "strategic")

    assert PLAN in html
    written = [
        q["sql"]
        for q in queries
        if not q["sql"].lstrip().upper().startswith(("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK"))
    ]
    assert written == []


@pytest.fixture
def library(home):
    return DocumentLibraryPageFactory(parent=home)


def test_a_publication_is_found_by_its_category_in_any_language_it_is_named_in(client, library):
    guides = CategoryFactory(name="Outreachguides", slug="guides")
    french = guides.copy_for_translation(Locale.objects.get(language_code="fr"))
    french.name = "Guidesderue"
    french.save()
    PublicationFactory(title="Working together", slug="working-together", category=guides)

    assert "/en/resources/publications/working-together/" in search(client, "en", "outreachguides")
    assert "/fr/resources/publications/working-together/" in search(client, "fr", "guidesderue")
    assert "working-together" not in search(client, "en", "nothingcalledthis")  # control


def test_the_visitor_gets_the_file_in_their_language_else_english(client, library):
    english = LibraryDocumentFactory(title="Report", content=pdf_bytes("Annual okapi report"))
    french = LibraryDocumentFactory(title="Rapport", language="fr", content=pdf_bytes("Rapport"))
    PublicationFactory(title="Okapi report", slug="okapi", documents=[english, french])
    only_french = LibraryDocumentFactory(title="Okapi fr", language="fr")
    PublicationFactory(title="Okapi brief", slug="okapi-brief", documents=[only_french])

    english_results = {
        r.split('href="')[1].split('"')[0]: r for r in results_of(search(client, "en", "okapi"))
    }
    french_results = {
        r.split('href="')[1].split('"')[0]: r for r in results_of(search(client, "fr", "okapi"))
    }

    assert english_results["/en/resources/publications/okapi/"].count(", English</p>") == 1
    assert french_results["/fr/resources/publications/okapi/"].count(", Français</p>") == 1
    # Only in French: French for everyone (the library's last fallback: whatever exists).
    assert ", French</p>" in english_results["/en/resources/publications/okapi-brief/"]


@pytest.fixture
def outreach(library, home):
    """Three publications and fifteen pages a search for "outreach" finds."""
    for number in range(3):
        PublicationFactory(title=f"Outreach report {number}", slug=f"outreach-{number}")
    for number in range(15):
        StandardPageFactory(parent=home, title=f"Outreach {number}", intro="<p>Outreach.</p>")


def test_results_are_paged_across_publications_and_pages(client, outreach):
    first = client.get("/en/search/", {"q": "outreach"}).content.decode()
    second = client.get("/en/search/", {"q": "outreach", "page": "2"}).content.decode()

    assert "18 results for “outreach”" in first
    assert "Page 1 of 2" in first and "Page 2 of 2" in second
    on_first, on_second = results_of(first), results_of(second)
    assert len(on_first) == 10 and len(on_second) == 8
    assert all("Publication · " in r for r in on_first[:3])  # publications first
    assert all("Publication · " not in r for r in on_first[3:] + on_second)
    links = {r.split('href="')[1].split('"')[0] for r in on_first + on_second}
    assert len(links) == 18  # every result once


def test_publications_add_a_fixed_number_of_queries_to_a_search(client, outreach, rf):
    """A page of results reads its publications in two queries, whatever their number."""
    from django.core.cache import cache

    from hosting import page_cache

    def queries(path):
        client.get(path)
        cache.delete(page_cache.cache_key(rf.get(path)))
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        return sum(1 for q in captured if "SAVEPOINT" not in q["sql"])

    few = queries("/en/search/?q=outreach")
    for number in range(3, 8):
        PublicationFactory(title=f"Outreach report {number}", slug=f"outreach-{number}")

    assert queries("/en/search/?q=outreach") == few
