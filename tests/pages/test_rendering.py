"""Every page type renders what visitors need: content, SEO tags, breadcrumbs, date."""

import re

import pytest

from pages.templatetags.meta_tags import plain_text
from tests.factories import LibraryDocumentFactory, PersonFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def list_items(html, list_class):
    block = re.search(rf'<(ol|ul) class="{list_class}">(.*?)</\1>', html, re.S).group(2)
    return [
        re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", block, re.S)
    ]


def test_aims_render_as_an_ordered_list_of_exactly_the_aims_entered(client, about_tree):
    aims = about_tree["aims"]
    aims.aims = [("aim", "<p>Third</p>"), ("aim", "<p>First</p>"), ("aim", "<p>Second</p>")]
    aims.save_revision().publish()

    html = client.get("/en/about/aims/").content.decode()

    assert list_items(html, "numbered-list") == ["Third", "First", "Second"]


def test_principles_render_as_a_list(client, about_tree):
    html = client.get("/en/about/principles/").content.decode()

    assert list_items(html, "principles") == ["Pro equality", "Anti-prohibitionist"]


def test_about_links_the_declaration_and_the_strategic_plan(client, about_tree):
    about = about_tree["about"]
    about.vancouver_declaration = StandardPageFactory(
        parent=about, title="The Vancouver Declaration"
    )
    about.strategic_plan = LibraryDocumentFactory(title="Strategic Plan 2021-2024")
    about.save_revision().publish()

    html = client.get("/en/about/").content.decode()

    assert 'href="/en/about/the-vancouver-declaration/">The Vancouver Declaration</a>' in html
    assert f'href="{about.strategic_plan.url}" hreflang="en" type="application/pdf">Read' in html
    # File type, size and language right after the link.
    assert re.search(
        r"Plan</a> <span class=\"file-facts\">\(PDF, [\d.]+\xa0(bytes|KB), in English\)", html
    )


def test_governance_lists_the_board_in_order_and_links_the_articles(client, about_tree):
    governance = about_tree["governance"]
    governance.articles_of_association = LibraryDocumentFactory(title="Articles")
    governance.save_revision().publish()
    PersonFactory(name="Second Person", sort_order=2)
    PersonFactory(name="First Person", sort_order=1, region="Asia")

    html = client.get("/en/about/governance/").content.decode()

    assert html.index("First Person") < html.index("Second Person")
    assert "Board member, Asia" in html
    articles = governance.articles_of_association
    assert f'href="{articles.url}" hreflang="en" type="application/pdf">Articles of' in html


def test_home_links_to_about_and_its_sections(client, about_tree):
    html = client.get("/en/").content.decode()

    for path in ["/en/about/", "/en/about/aims/", "/en/about/principles/", "/en/about/governance/"]:
        assert f'href="{path}"' in html


@pytest.mark.parametrize(
    "path",
    ["/en/", "/en/about/", "/en/about/aims/", "/en/about/principles/", "/en/about/governance/"],
)
def test_every_page_has_seo_tags_and_a_last_updated_date(client, about_tree, path):
    response = client.get(path)
    html = response.content.decode()

    assert response.status_code == 200
    assert re.search(r"<title>[^<]+ \| INPUD</title>", html)
    assert f'<link rel="canonical" href="http://testserver{path}">' in html
    assert '<meta property="og:title"' in html
    assert f'<meta property="og:url" content="http://testserver{path}">' in html
    if path != "/en/":
        assert 'class="last-updated"' in html
        assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html


def test_seo_title_and_search_description_fill_title_and_description(client, about_tree):
    about = about_tree["about"]
    about.seo_title = "About the network"
    about.search_description = "Who INPUD is."
    about.save_revision().publish()

    html = client.get("/en/about/").content.decode()

    assert "<title>About the network | INPUD</title>" in html
    assert '<meta name="description" content="Who INPUD is.">' in html
    assert '<meta property="og:description" content="Who INPUD is.">' in html


def test_a_rich_text_intro_becomes_a_plain_text_description(client, about_tree):
    aims = about_tree["aims"]
    aims.intro = (
        '<p>We defend <a href="https://example.org/">rights</a> &amp; <b>health</b>.</p>'
        "<p>Second&nbsp;paragraph,\n   “quoted”.</p>"
    )
    aims.search_description = ""
    aims.save_revision().publish()

    html = client.get("/en/about/aims/").content.decode()

    expected = "We defend rights &amp; health. Second paragraph, “quoted”."
    assert f'<meta name="description" content="{expected}">' in html
    assert f'<meta property="og:description" content="{expected}">' in html
    assert "&lt;" not in html.split("</head>")[0]


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("<p>One</p><p>Two</p>", "One Two"),
        ("Rights <b>now</b> &amp; always", "Rights now & always"),
        ("a &lt;script&gt; typed as text", "a <script> typed as text"),  # escaped again on output
        ("  spaced \n\t out  ", "spaced out"),
        ("", ""),
        (None, ""),
        ("word " * 60, ("word " * 32).strip()[:159] + "…"),
    ],
)
def test_meta_descriptions_are_plain_text(text, plain):
    assert plain_text(text) == plain


def test_breadcrumbs_lead_home_then_through_about(client, about_tree):
    html = client.get("/en/about/aims/").content.decode()
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)

    assert re.findall(r'href="([^"]+)"', crumbs) == ["/en/", "/en/about/"]
    assert '<span aria-current="page">Our aims</span>' in crumbs


def test_standard_page_renders_text_and_document_links(client, home):
    document = LibraryDocumentFactory(title="Consensus statement")
    StandardPageFactory(
        parent=home,
        title="Statement",
        body=[("text", "<p>Some words.</p>"), ("document", {"document": document, "label": ""})],
    )

    html = client.get("/en/statement/").content.decode()

    assert "<p>Some words.</p>" in html
    assert (
        f'<a href="{document.url}" hreflang="en" type="application/pdf">Consensus statement</a>'
        in html
    )


def test_unpublished_pages_are_not_served(client, about_tree):
    about_tree["aims"].unpublish()

    assert client.get("/en/about/aims/").status_code == 404
    assert 'href="/en/about/aims/"' not in client.get("/en/").content.decode()
