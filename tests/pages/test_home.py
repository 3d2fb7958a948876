import pytest

pytestmark = pytest.mark.django_db


def test_home_page_renders_in_english_and_names_inpud(client, home):
    response = client.get("/en/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert "International Network of People who Use Drugs" in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html


def test_root_redirects_to_the_english_home(client, home):
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/en/"


def test_public_home_sets_no_cookie(client, home):
    response = client.get("/en/")

    assert response.cookies == {}


def test_unknown_address_gets_the_friendly_404(client, home):
    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_admin_login_page_answers(client, home):
    response = client.get("/admin/login/", follow=True)

    assert response.redirect_chain == [("/accounts/login/", 302)]
    assert response.status_code == 200
