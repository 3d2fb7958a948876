"""Anonymous visitors get cached pages, and see an edit as soon as it is published."""

import pytest

from tests.factories import FooterFactory, PublicationFactory

pytestmark = pytest.mark.django_db


def test_second_visit_is_served_from_the_cache(client, about_tree):
    first = client.get("/en/about/aims/")
    second = client.get("/en/about/aims/")

    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert "must-revalidate" in second["Cache-Control"] and "public" in second["Cache-Control"]
    assert second.cookies == {}


def test_a_visitor_sees_an_edit_right_after_it_is_published(client, about_tree):
    aims = about_tree["aims"]
    client.get("/en/about/aims/")
    assert client.get("/en/about/aims/")["X-Page-Cache"] == "hit"

    aims.aims = [("aim", "<p>A freshly published aim.</p>")]
    aims.save_revision().publish()
    response = client.get("/en/about/aims/")

    assert response["X-Page-Cache"] == "miss"
    assert "A freshly published aim." in response.content.decode()


def test_a_draft_does_not_change_what_visitors_see(client, about_tree):
    aims = about_tree["aims"]
    client.get("/en/about/aims/")
    aims.aims = [("aim", "<p>Still a draft.</p>")]
    aims.save_revision()

    assert "Still a draft." not in client.get("/en/about/aims/").content.decode()


def test_unpublishing_and_moving_invalidate(client, about_tree):
    client.get("/en/")
    about_tree["governance"].unpublish()
    assert 'href="/en/about/governance/"' not in client.get("/en/").content.decode()

    about_tree["principles"].move(about_tree["home"], pos="last-child")
    moved = client.get("/en/about/principles/")  # Wagtail leaves a redirect on a move
    assert (moved.status_code, moved["Location"]) == (301, "/en/principles/")


def test_snippet_and_library_changes_invalidate(client, about_tree, settings):
    footer = FooterFactory(contact="<p>Old address.</p>")
    client.get("/en/")
    footer.contact = "<p>New address.</p>"
    footer.save()

    assert "New address." in client.get("/en/").content.decode()


def test_library_listing_sees_a_new_publication(client, about_tree):
    from tests.factories import DocumentLibraryPageFactory

    DocumentLibraryPageFactory(parent=about_tree["home"])
    client.get("/en/resources/")
    PublicationFactory(title="A brand new report")

    assert "A brand new report" in client.get("/en/resources/").content.decode()


def test_logged_in_editors_are_never_served_from_or_into_the_cache(client, about_tree, admin_user):
    client.force_login(admin_user)

    response = client.get("/en/about/aims/")

    assert "X-Page-Cache" not in response
