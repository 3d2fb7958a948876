"""Navigation and footer come from the tree and a snippet, at a fixed query cost."""

import re

import pytest

from tests.factories import FooterFactory, PersonFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


def menu_links(html):
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)"', nav)


def test_menu_lists_the_pages_shown_in_menus_in_tree_order(client, about_tree):
    home = about_tree["home"]
    StandardPageFactory(parent=home, title="Hidden", show_in_menus=False)
    StandardPageFactory(parent=home, title="Statements", show_in_menus=True)

    html = client.get("/en/").content.decode()

    assert menu_links(html) == ["/en/about/", "/en/statements/"]


def test_current_section_is_marked_in_the_menu(client, about_tree):
    html = client.get("/en/about/aims/").content.decode()

    assert '<a href="/en/about/" aria-current="page">' in html


def test_footer_shows_contact_social_and_legal_links(client, about_tree):
    privacy = StandardPageFactory(parent=about_tree["home"], title="Privacy statement")
    FooterFactory(
        contact="<p>Write to us.</p>",
        social_links=[("link", {"label": "Mastodon", "url": "https://example.org/@inpud"})],
        legal_links=[("page", {"label": "", "page": privacy})],
    )

    html = client.get("/en/").content.decode()
    footer = re.search(r"<footer.*?</footer>", html, re.S).group(0)

    assert "<p>Write to us.</p>" in footer
    assert '<a href="https://example.org/@inpud" rel="noreferrer noopener">Mastodon</a>' in footer
    assert '<a href="/en/privacy-statement/">Privacy statement</a>' in footer


def test_navigation_cost_does_not_grow_with_menu_items(client, about_tree, render_queries):
    home = about_tree["home"]
    FooterFactory()
    StandardPageFactory(parent=home, show_in_menus=True)
    few = render_queries("/en/about/")

    for _ in range(20):
        StandardPageFactory(parent=home, show_in_menus=True)
    many = render_queries("/en/about/")

    assert many == few
    assert len(menu_links(client.get("/en/about/").content.decode())) == 22


def test_governance_cost_does_not_grow_with_board_members(client, about_tree, render_queries):
    PersonFactory()
    few = render_queries("/en/about/governance/")

    PersonFactory.create_batch(15)
    many = render_queries("/en/about/governance/")

    assert many == few
