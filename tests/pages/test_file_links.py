"""Every link to a file says what it costs: right after the link (where a screen reader
reads it next), its format, size and language, in the visitor's language; rich text links,
document blocks, key links and permanent links alike, without a query per link."""

import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.publications import PublicationSeries
from tests.factories import LibraryDocumentFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a\b[^>]*\bhref="([^"]+)"[^>]*>(.*?)</a>(?=(.{0,120}))', re.S)
FACTS = {
    "en": re.compile(
        r'^ <span class="file-facts">\(PDF, [\d.]+\xa0(bytes|KB|MB)(, \d+ pages?)?, '
        r"in (English|French)\)</span>"
    ),
    "fr": re.compile(
        r'^ <span class="file-facts">\(PDF, [\d,]+\xa0(octets|Kio|Mio)(, \d+ pages?)?, '
        r"en (anglais|français)\)</span>"
    ),
}
SEEDED_PAGES = [
    "/",
    "/about/",
    "/about/aims/",
    "/about/principles/",
    "/about/governance/",
    "/about/vancouver-declaration/",
    "/privacy/",
    "/resources/",
    "/resources/publications/inpud-strategic-plan-2021-2024/",
    "/resources/publications/inpud-articles-of-association/",
    "/news/",
    "/contact/",
    "/about/networks/",
]


def file_links(html, series_keys):
    """(href, what follows the link) of each link to a document or a permanent link."""
    permalinks = tuple(f"/resources/{key}/" for key in series_keys)
    return [
        (href, after)
        for href, _text, after in LINK.findall(html)
        if href.startswith("/documents/") or href.endswith(permalinks)
    ]


@pytest.fixture
def seeded(db):
    call_command("load_site_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return list(PublicationSeries.objects.values_list("key", flat=True))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_file_link_on_the_seeded_pages_names_format_size_and_language(
    client, seeded, language
):
    checked = {}
    for path in SEEDED_PAGES:
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, path
        for href, after in file_links(response.content.decode(), seeded):
            assert FACTS[language].match(after), (path, href, after[:100])
            checked.setdefault(path, []).append(href)

    # Controls: the pages that link files were seen doing it, permanent links included.
    assert f"/{language}/resources/strategic-plan/" in checked["/"]
    assert f"/{language}/resources/strategic-plan/" in checked["/about/"]
    assert f"/{language}/resources/articles-of-association/" in checked["/about/governance/"]
    assert any(h.startswith("/documents/") for h in checked["/resources/"])
    detail = checked["/resources/publications/inpud-strategic-plan-2021-2024/"]
    assert f"/{language}/resources/strategic-plan/" in detail
    assert sum(len(links) for links in checked.values()) >= 8


def test_a_link_without_its_facts_would_be_noticed(seeded):
    """The check above fails for a link that says only its format (as About did)."""
    before = (
        '<a href="/en/resources/strategic-plan/">Plan</a> <span class="file-facts">(PDF)</span>'
    )
    ((_href, after),) = file_links(before, seeded)
    assert not FACTS["en"].match(after)


def rich_text_links(documents):
    return "".join(
        f'<p><a linktype="document" id="{d.pk}">File {n}</a> and words.</p>'
        for n, d in enumerate(documents)
    )


@pytest.fixture
def documents(db):
    return [
        LibraryDocumentFactory(title=f"Report {n}", language=("en", "fr")[n % 2]) for n in range(5)
    ]


def test_a_rich_text_link_to_a_document_says_what_the_file_costs(client, home, documents):
    StandardPageFactory(
        parent=home, title="Reports", body=[("text", rich_text_links(documents[:2]))]
    )
    english = client.get("/en/reports/").content.decode()
    french = client.get("/fr/reports/").content.decode()

    first, second = documents[0], documents[1]
    assert re.search(
        rf'<a href="{first.url}" hreflang="en">File 0</a> <span class="file-facts">'
        r"\(PDF, [\d.]+\xa0(bytes|KB), in English\)</span> and words.",
        english,
    )
    assert re.search(
        rf'<a href="{second.url}" hreflang="fr">File 1</a> <span class="file-facts">'
        r"\(PDF, [\d,]+\xa0(octets|Kio), en français\)</span>",
        french,
    )
    assert "data-file-facts" not in english


def test_a_link_to_a_deleted_document_is_left_without_facts(client, home, documents):
    StandardPageFactory(
        parent=home, title="Reports", body=[("text", rich_text_links(documents[:2]))]
    )
    documents[0].delete()

    html = client.get("/en/reports/").content.decode()

    assert "<a>File 0</a> and words." in html
    assert (
        f'<a href="{documents[1].url}" hreflang="fr">File 1</a> <span class="file-facts">' in html
    )


def test_markup_in_stored_rich_text_never_passes_as_facts(client, home):
    hostile = '<p><a href="/x" data-file-facts="&lt;img src=x onerror=alert(1)&gt;">x</a></p>'
    StandardPageFactory(parent=home, title="Odd", body=[("text", hostile)])

    html = client.get("/en/odd/").content.decode()

    assert "<img src=x" not in html


@pytest.mark.parametrize(
    "body",
    [
        lambda docs: [("text", rich_text_links(docs))],  # one rich text with every link
        lambda docs: [("document", {"document": d, "label": ""}) for d in docs],  # blocks
    ],
    ids=["rich text", "document blocks"],
)
def test_five_file_links_cost_no_more_queries_than_one(client, home, documents, body):
    StandardPageFactory(parent=home, title="One", body=body(documents[:1]))
    StandardPageFactory(parent=home, title="Five", body=body(documents))

    def cold_render_queries(path):
        """Queries of a render with nothing of this page cached (its files' facts
        included), after another page warmed what all pages share."""
        cache.clear()
        client.get("/en/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return sum(1 for q in queries if "SAVEPOINT" not in q["sql"])

    one, five = cold_render_queries("/en/one/"), cold_render_queries("/en/five/")
    html = client.get("/en/five/").content.decode()

    assert html.count('<span class="file-facts">') == 5  # control: five links with facts
    assert five == one
