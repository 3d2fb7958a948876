"""Only the methods the site uses are answered: TRACE, OPTIONS, PUT... are 405 on every
path, with an Allow header; the admin keeps the methods its scripts use."""

import pytest

from tests.factories import LibraryDocumentFactory

UNUSED_EVERYWHERE = ["TRACE", "TRACK", "CONNECT", "OPTIONS", "PROPFIND", "BREW"]


@pytest.fixture
def paths(home, media_root):
    """One path of each kind the site answers, and what GET gets there. (Static files,
    served by whitenoise from STATIC_ROOT, are checked on the production path:
    tests/test_production.py.)"""
    picture = media_root / "original_images" / "meeting.png"
    picture.parent.mkdir(parents=True)
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    document = LibraryDocumentFactory()
    return {
        "/en/": 200,
        "/en/search/?q=naloxone": 200,
        "/media/original_images/meeting.png": 200,
        document.url: None,  # served or not depending on its publication; never 405
        "/healthz": 200,
        "/robots.txt": 200,
        "/sitemap.xml": 200,
        "/.well-known/security.txt": 200,
        "/accounts/login/": 200,
        "/admin/login/": 302,  # to /accounts/login/
    }


def request(client, method, path):
    return client.generic(method, path)


@pytest.mark.parametrize("method", UNUSED_EVERYWHERE)
def test_unused_methods_answer_405_with_allow_on_every_path(client, paths, method):
    for path, get_status in paths.items():
        response = request(client, method, path)

        assert response.status_code == 405, (method, path)
        assert "GET" in response["Allow"] and method not in response["Allow"], path
        assert response.content == b""
        # Positive control: the same path answers GET.
        status = client.get(path).status_code
        assert status == get_status if get_status else status != 405, path


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_writing_methods_are_refused_outside_the_admin(client, paths, method):
    for path in paths:
        if path.startswith("/admin/"):
            continue
        response = request(client, method, path)

        assert response.status_code == 405, (method, path)
        assert response["Allow"] == "GET, HEAD, POST"


def test_head_and_post_still_reach_public_pages(client, home):
    assert client.head("/en/").status_code == 200
    assert client.post("/en/").status_code != 405  # reaches the page (and its CSRF check)


def test_the_admin_keeps_the_methods_its_scripts_use(client, home, admin_user):
    client.force_login(admin_user)

    # Wagtail clears an edit's preview with DELETE (wagtail-localize saves strings with PUT).
    response = client.delete(f"/admin/pages/{home.pk}/edit/preview/")

    assert response.status_code == 200
    assert response.json() == {"success": True}
    assert request(client, "TRACE", "/admin/").status_code == 405
    assert request(client, "TRACE", "/admin/")["Allow"] == "GET, HEAD, POST, PUT, PATCH, DELETE"
