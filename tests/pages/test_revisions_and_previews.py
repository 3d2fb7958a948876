"""Previews and rollback for every page type, through the admin's own views.

Each test submits the page edit form as the browser would (tests/edit_form.py reads it from
the rendered HTML, StreamFields included), so what is checked is what an editor gets: the
preview panel's page, the history, an old version, and publishing it again.
"""

import re
from typing import NamedTuple

import pytest
from bs4 import BeautifulSoup
from wagtail.test.utils.form_data import rich_text

from harness.edit_form import form_action, form_data_as_submitted
from tests.factories import (
    DocumentLibraryPageFactory,
    LibraryDocumentFactory,
    PublicationFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


class PageType(NamedTuple):
    template: str
    own_content: str  # a piece of the page's own content that the public page shows
    removed_in_version_b: dict  # the edit-form change that takes it out again


CHANGED_TEXT = rich_text("<p>Changed in version B.</p>")
PAGE_TYPES = {
    "home": PageType(
        "pages/home_page.html",
        "INPUD is a global peer-based organisation.",
        {"intro": CHANGED_TEXT},
    ),
    "about": PageType(
        "pages/about_page.html",
        "INPUD is a global peer-based organisation.",
        {"body": CHANGED_TEXT},
    ),
    "aims": PageType("pages/aims_page.html", "Second aim.", {"aims-1-deleted": "1"}),
    "principles": PageType(
        "pages/principles_page.html", "Anti-prohibitionist", {"principles-1-deleted": "1"}
    ),
    "governance": PageType(
        "pages/governance_page.html", "How INPUD is governed.", {"body": CHANGED_TEXT}
    ),
    "standard": PageType(
        "pages/standard_page.html", "Download the declaration", {"body-1-deleted": "1"}
    ),
    "library": PageType(
        "documents/document_library_page.html",
        "Publications by INPUD and its members.",
        {"intro": CHANGED_TEXT},
    ),
}


@pytest.fixture
def every_page_type(about_tree):
    """One live page of each type, with content in its own fields and StreamFields."""
    declaration = LibraryDocumentFactory(title="Vancouver Declaration (English)")
    standard = StandardPageFactory(
        parent=about_tree["about"],
        title="Vancouver Declaration",
        slug="vancouver-declaration",
        body=[
            ("text", "<h2>Our demands</h2><p>Nothing about us without us.</p>"),
            ("document", {"document": declaration, "label": "Download the declaration"}),
        ],
    )
    PublicationFactory(title="Harm reduction at work")
    library = DocumentLibraryPageFactory(
        parent=about_tree["home"], intro="<p>Publications by INPUD and its members.</p>"
    )
    return {**about_tree, "standard": standard, "library": library}


@pytest.fixture
def visitor(client):
    return client


def edit_form(admin_client, path):
    response = admin_client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def publish(admin_client, page, html, changes=None):
    """Press Publish on the form in `html` (the edit or the revert form), after `changes`."""
    data = form_data_as_submitted(html, type(page))
    data.update(changes or {})
    data["action-publish"] = "publish"
    response = admin_client.post(form_action(html), data, follow=True)
    assert response.status_code == 200
    assert "has been published" in response.content.decode(), response.content.decode()[:3000]
    return response


def main_of(response):
    return str(BeautifulSoup(response.content, "html.parser").find("main"))


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_the_preview_panel_shows_the_real_page_with_unsaved_changes(
    admin_client, every_page_type, name
):
    page = every_page_type[name].specific
    template, own_content, _change = PAGE_TYPES[name]
    html = edit_form(admin_client, f"/admin/pages/{page.pk}/edit/")
    data = form_data_as_submitted(html, type(page))
    data["title"] = "A title not saved yet"

    # What the preview panel does on each change: post the form, then load the preview.
    state = admin_client.post(f"/admin/pages/{page.pk}/edit/preview/", data)
    preview = admin_client.get(
        f"/admin/pages/{page.pk}/edit/preview/", {"mode": "", "in_preview_panel": "true"}
    )

    assert state.json() == {"is_valid": True, "is_available": True}
    assert preview.status_code == 200
    assert template in [t.name for t in preview.templates]
    assert "base.html" in [t.name for t in preview.templates]
    body = preview.content.decode()
    assert "<h1>A title not saved yet</h1>" in body
    assert own_content in body
    # The panel frames the preview: the admin's own origin may, nothing else may. The
    # page keeps the public site's policy otherwise (no inline styles), as visitors get it.
    policy = preview["Content-Security-Policy"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in policy
    assert "'unsafe-inline'" not in policy
    page.refresh_from_db()
    assert page.title != "A title not saved yet"


def test_the_preview_panel_offers_phone_tablet_and_desktop_widths(admin_client, about_tree):
    html = edit_form(admin_client, f"/admin/pages/{about_tree['aims'].pk}/edit/")

    sizes = BeautifulSoup(html, "html.parser").select("input[name='preview-size']")

    assert [
        (size["value"], size["data-device-width"], size["aria-label"], size.has_attr("checked"))
        for size in sizes
    ] == [
        ("mobile", "375", "Preview in mobile size", True),
        ("tablet", "768", "Preview in tablet size", False),
        ("desktop", "1280", "Preview in desktop size", False),
    ]


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_an_older_version_can_be_viewed_and_published_again(
    admin_client, visitor, every_page_type, name
):
    page = every_page_type[name].specific
    _template, own_content, removed_in_version_b = PAGE_TYPES[name]
    path = page.url
    edit_path = f"/admin/pages/{page.pk}/edit/"

    publish(admin_client, page, edit_form(admin_client, edit_path), {"title": "Version A"})
    version_a = page.revisions.latest("pk")
    public_a = main_of(visitor.get(path))
    assert own_content in public_a
    publish(
        admin_client,
        page,
        edit_form(admin_client, edit_path),
        {"title": "Version B", **removed_in_version_b},
    )
    version_b = page.revisions.latest("pk")
    public_b = main_of(visitor.get(path))
    assert "Version B" in public_b
    assert own_content not in public_b

    history = admin_client.get(f"/admin/pages/{page.pk}/history/").content.decode()
    for revision in (version_a, version_b):
        assert f'href="/admin/pages/{page.pk}/revisions/{revision.pk}/view/">Preview' in history
    # Only the older one is offered for review (B is the current version).
    assert f'href="/admin/pages/{page.pk}/revisions/{version_a.pk}/revert/">Review' in history
    assert f"/admin/pages/{page.pk}/revisions/{version_b.pk}/revert/" not in history

    old = admin_client.get(f"/admin/pages/{page.pk}/revisions/{version_a.pk}/view/")
    assert old.status_code == 200
    assert "<h1>Version A</h1>" in old.content.decode()

    revert_form = edit_form(
        admin_client, f"/admin/pages/{page.pk}/revisions/{version_a.pk}/revert/"
    )
    assert "You are viewing a previous version of this page" in revert_form
    assert form_data_as_submitted(revert_form, type(page))["title"] == "Version A"
    published = publish(admin_client, page, revert_form)  # as shown, unchanged

    assert re.search(
        r"Version from .* of page .*Version A.* has been published", published.content.decode()
    )
    page.refresh_from_db()
    assert page.title == "Version A"
    assert page.live_revision_id not in (version_a.pk, version_b.pk)
    # Everything visitors saw of version A is back: title, text, StreamField blocks, links.
    assert main_of(visitor.get(path)) == public_a
