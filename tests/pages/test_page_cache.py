"""Anonymous visitors get cached pages, and see an edit as soon as it is published."""

import pytest
from django.contrib.sessions.backends.db import SessionStore

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


def canonical(response):
    return response.content.decode().split('<link rel="canonical" href="')[1].split('"')[0]


def test_http_and_https_visitors_get_pages_with_their_own_scheme(client, about_tree):
    plain = client.get("/en/about/aims/")
    secure = client.get("/en/about/aims/", secure=True)

    assert (plain["X-Page-Cache"], secure["X-Page-Cache"]) == ("miss", "miss")
    assert canonical(plain) == "http://testserver/en/about/aims/"
    assert canonical(secure) == "https://testserver/en/about/aims/"
    # Each is then served from the cache, still with its own scheme.
    assert canonical(client.get("/en/about/aims/", secure=True)) == canonical(secure)
    again = client.get("/en/about/aims/")
    assert again["X-Page-Cache"] == "hit"
    assert canonical(again) == canonical(plain)


def test_each_host_name_gets_pages_with_its_own_links(client, about_tree):
    client.get("/en/about/aims/", HTTP_HOST="localhost")

    other = client.get("/en/about/aims/", HTTP_HOST="127.0.0.1")

    assert other["X-Page-Cache"] == "miss"
    assert canonical(other) == "http://127.0.0.1/en/about/aims/"


BOGUS = "sessionid=0123456789abcdefghijklmnopqrstuv"


def test_an_invented_session_cookie_is_served_from_the_cache(
    client, about_tree, django_assert_num_queries
):
    client.get("/en/about/aims/")

    with django_assert_num_queries(1):  # looking the session up, nothing else
        response = client.get("/en/about/aims/", HTTP_COOKIE=BOGUS)

    assert response["X-Page-Cache"] == "hit"
    assert "Set-Cookie" not in response


def test_a_page_first_asked_for_with_an_invented_cookie_is_stored_for_everyone(client, about_tree):
    first = client.get("/en/about/aims/", HTTP_COOKIE=BOGUS)

    assert first["X-Page-Cache"] == "miss"
    assert "Set-Cookie" not in first  # the anonymous page, nothing about the cookie
    assert client.get("/en/about/aims/")["X-Page-Cache"] == "hit"


def test_an_expired_session_is_served_from_the_cache(client, about_tree):
    session = SessionStore()
    session["passed_page_view_restrictions"] = [1]
    session.set_expiry(-60)
    session.save()
    client.get("/en/about/aims/")

    response = client.get("/en/about/aims/", HTTP_COOKIE=f"sessionid={session.session_key}")

    assert response["X-Page-Cache"] == "hit"


def test_a_live_session_without_a_user_still_gets_a_fresh_page(client, about_tree):
    # A visitor who entered a page's password: their session is what lets them in.
    session = SessionStore()
    session["passed_page_view_restrictions"] = [1]
    session.save()
    client.get("/en/about/aims/")

    response = client.get("/en/about/aims/", HTTP_COOKIE=f"sessionid={session.session_key}")

    assert "X-Page-Cache" not in response
