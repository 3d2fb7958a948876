"""Staff sign in with a password and a second factor, through one sign-in (signin/).

Everyone who can reach the admin has a second factor; no admin page opens on a password
alone, through any door; codes work once; a lost device is reset by a superuser, on
the record."""

import io
import re

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import ModelLogEntry

from harness.totp import fresh_code, secret_on_set_up_page
from signin.factors import REMOVED
from tests.second_factor import StaffClient, add_authenticator_app, recovery_codes

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/",
    "/admin/documents/",
    "/admin/users/",
    "/admin/locales/",
    "/admin/sites/",
    "/admin/redirects/",
]


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("admin", "admin@inpud.example", PASSWORD)


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("editor", "editor@inpud.example", PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def password_step(client, username, password=PASSWORD):
    return client.post("/accounts/login/", {"login": username, "password": password})


def sign_in(client, username, code):
    assert password_step(client, username)["Location"] == "/accounts/2fa/authenticate/"
    return client.post("/accounts/2fa/authenticate/", {"code": code})


def opens_admin_pages(client, paths=ADMIN_PAGES):
    return all(client.get(path).status_code == 200 for path in paths)


EDITORS_PAGES = ["/admin/", "/admin/pages/", "/admin/documents/"]


def test_a_new_superuser_sets_up_an_app_and_gets_recovery_codes_before_any_admin_page(
    monkeypatch, django_user_model
):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command(
        "createsuperuser", interactive=False, username="new", email="n@inpud.example",
        stdout=io.StringIO(),
    )  # fmt: skip
    client = Client()

    assert password_step(client, "new")["Location"] == "/admin/"
    for path in ADMIN_PAGES:
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, "/accounts/2fa/totp/activate/")

    set_up = client.get("/accounts/2fa/totp/activate/")
    html = set_up.content.decode()
    assert 'src="data:image/svg+xml;base64,' in html  # the QR code
    secret = secret_on_set_up_page(html)  # and the secret as text
    assert "security key or passkey" in html  # recommended
    assert client.post("/accounts/2fa/totp/activate/", {"code": "123456"}).status_code == 200
    done = client.post("/accounts/2fa/totp/activate/", {"code": fresh_code(secret)})
    assert done["Location"] == "/accounts/2fa/recovery-codes/"

    codes_page = client.get("/accounts/2fa/recovery-codes/").content.decode()
    codes = recovery_codes(django_user_model.objects.get(username="new"))
    assert len(codes) == 10 and all(code in codes_page for code in codes)
    download = client.get("/accounts/2fa/recovery-codes/download/")
    assert download["Content-Disposition"].startswith("attachment")
    assert download.content.decode().split() == codes
    assert opens_admin_pages(client)


def test_staff_sign_in_with_password_then_code(editor):
    secret = add_authenticator_app(editor)
    client = Client()

    response = sign_in(client, "editor", fresh_code(secret))

    assert response["Location"] == "/admin/"
    assert opens_admin_pages(client, EDITORS_PAGES)


def test_the_password_alone_opens_no_admin_page(editor):
    add_authenticator_app(editor)
    client = Client()

    assert password_step(client, "editor")["Location"] == "/accounts/2fa/authenticate/"

    for path in ADMIN_PAGES:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/accounts/login/?next="), path


def test_wagtails_login_url_is_no_way_around(editor):
    add_authenticator_app(editor)
    client = Client()

    response = client.post(
        "/admin/login/?next=/admin/pages/",
        {"username": "editor", "password": PASSWORD, "next": "/admin/pages/"},
    )

    assert response["Location"] == "/accounts/login/?next=/admin/pages/"
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")
    assert client.get("/admin/password_reset/").status_code == 404  # Wagtail's reset is off


def test_a_session_signed_in_without_the_second_factor_is_signed_out(editor):
    add_authenticator_app(editor)
    client = Client()
    client.force_login(editor)  # as a session from any other way in would be

    response = client.get("/admin/pages/")

    assert response["Location"] == "/accounts/login/?next=/admin/pages/"
    assert "_auth_user_id" not in client.session
    # Positive control: the same user with a completed sign-in.
    staff = StaffClient()
    staff.force_login(editor)
    assert staff.get("/admin/pages/").status_code == 200


def test_a_code_works_once(editor):
    secret = add_authenticator_app(editor)
    code = fresh_code(secret)
    assert sign_in(Client(), "editor", code)["Location"] == "/admin/"

    again = sign_in(Client(), "editor", code)

    assert again.status_code == 200
    assert "Incorrect code" in again.content.decode()
    assert sign_in(Client(), "editor", fresh_code(secret))["Location"] == "/admin/"


def test_a_recovery_code_signs_in_once(editor):
    add_authenticator_app(editor)
    first, second = recovery_codes(editor)[:2]
    client = Client()
    assert sign_in(client, "editor", first)["Location"] == "/admin/"
    assert opens_admin_pages(client, EDITORS_PAGES)

    used = sign_in(Client(), "editor", first)

    assert used.status_code == 200
    assert "Incorrect code" in used.content.decode()
    assert sign_in(Client(), "editor", second)["Location"] == "/admin/"
    assert first not in recovery_codes(editor)


def test_recovery_codes_can_be_made_anew_and_the_old_ones_stop_working(editor):
    add_authenticator_app(editor)
    old = recovery_codes(editor)
    client = StaffClient()
    client.force_login(editor)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})

    assert client.post("/accounts/2fa/recovery-codes/generate/")["Location"] == (
        "/accounts/2fa/recovery-codes/"
    )

    new = recovery_codes(editor)
    assert set(new).isdisjoint(old)
    assert sign_in(Client(), "editor", old[0]).status_code == 200  # refused
    assert sign_in(Client(), "editor", new[0])["Location"] == "/admin/"


def test_no_trust_this_browser_every_sign_in_asks_the_second_factor(editor):
    secret = add_authenticator_app(editor)
    client = Client()
    sign_in(client, "editor", fresh_code(secret))
    client.post("/accounts/logout/")

    assert client.get("/accounts/2fa/trust/", follow=True).status_code == 404
    assert password_step(client, "editor")["Location"] == "/accounts/2fa/authenticate/"


def test_a_password_reset_still_asks_the_second_factor(editor):
    secret = add_authenticator_app(editor)
    client = Client()
    client.post("/accounts/password/reset/", {"email": "editor@inpud.example"})
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+/", mail.outbox[0].body)[0]
    form_page = client.get(link.split("8000", 1)[1], follow=True)
    new_password = "a brand new long passphrase"

    done = client.post(
        form_page.redirect_chain[-1][0],
        {"password1": new_password, "password2": new_password},
    )

    assert done["Location"] == "/accounts/password/reset/key/done/"
    assert client.get("/admin/")["Location"].startswith("/accounts/login/")  # not signed in
    step = password_step(client, "editor", new_password)
    assert step["Location"] == "/accounts/2fa/authenticate/"
    assert client.post("/accounts/2fa/authenticate/", {"code": fresh_code(secret)})["Location"] == (
        "/admin/"
    )


def test_nobody_signs_up(django_user_model):
    count = django_user_model.objects.count()

    page = Client().get("/accounts/signup/")
    Client().post(
        "/accounts/signup/",
        {"username": "intruder", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert "Sign Up Closed" in page.content.decode()
    assert django_user_model.objects.count() == count


def test_sign_in_pages_allow_webauthn_for_the_site_only_and_public_pages_do_not(home):
    sign_in_page = Client().get("/accounts/login/")["Permissions-Policy"]
    public_page = Client().get("/en/")["Permissions-Policy"]

    assert "publickey-credentials-get=(self)" in sign_in_page
    assert "publickey-credentials-create=(self)" in sign_in_page
    assert "camera=()" in sign_in_page
    assert "publickey-credentials-get=()" in public_page
    assert "publickey-credentials-create=()" in public_page


def test_superusers_can_be_required_to_use_a_security_key(settings, superuser, editor):
    settings.SUPERUSERS_REQUIRE_SECURITY_KEY = True
    admin, staff = StaffClient(), StaffClient()
    admin.force_login(superuser)  # signed in with an authenticator app
    staff.force_login(editor)

    assert admin.get("/admin/")["Location"] == "/accounts/2fa/webauthn/add/"
    assert staff.get("/admin/").status_code == 200  # editors are not concerned

    Authenticator.objects.create(user=superuser, type=Authenticator.Type.WEBAUTHN, data={})
    response = admin.get("/admin/")  # a key exists, but this session used the app
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in admin.session


def test_a_superuser_removes_a_lost_factor_with_the_command_and_it_is_recorded(superuser, editor):
    add_authenticator_app(editor)
    editors_browser = StaffClient()
    editors_browser.force_login(editor)
    output = io.StringIO()

    call_command("remove_second_factor", "editor", "--by", "admin", stdout=output)

    assert "Removed recovery_codes, totp from editor" in output.getvalue()
    assert not Authenticator.objects.filter(user=editor).exists()
    assert editors_browser.get("/admin/")["Location"].startswith("/accounts/login/")  # signed out
    entry = ModelLogEntry.objects.get(action=REMOVED)
    assert (entry.user, entry.object_id, entry.label) == (superuser, str(editor.pk), "editor")
    assert entry.timestamp is not None
    # Superusers read it in Reports › Site history.
    admin = StaffClient()
    admin.force_login(superuser)
    history = admin.get("/admin/reports/site-history/").content.decode()
    assert "Second factor removed from editor" in history
    # At the next sign-in, the password leads to setting up a new factor.
    client = Client()
    assert password_step(client, "editor")["Location"] == "/admin/"
    assert client.get("/admin/")["Location"] == "/accounts/2fa/totp/activate/"


def test_only_a_superuser_can_remove_a_factor(editor, django_user_model):
    add_authenticator_app(editor)
    django_user_model.objects.create_user("colleague", password=PASSWORD, is_staff=True)

    with pytest.raises(CommandError, match="colleague is not a superuser"):
        call_command("remove_second_factor", "editor", "--by", "colleague")
    with pytest.raises(CommandError, match="No such user"):
        call_command("remove_second_factor", "nobody", "--by", "admin")

    assert Authenticator.objects.filter(user=editor).count() == 2
    assert not ModelLogEntry.objects.filter(action=REMOVED).exists()


def test_the_admins_button_removes_a_factor_for_superusers_only(superuser, editor):
    add_authenticator_app(editor)
    url = f"/admin/second-factor/{editor.pk}/remove/"
    admin, colleague = StaffClient(), StaffClient()
    admin.force_login(superuser)
    colleague.force_login(editor)

    assert url in admin.get("/admin/users/").content.decode()
    assert "Remove every second factor of editor" in admin.get(url).content.decode()
    refused = colleague.post(url, follow=True)
    assert "Sorry, you do not have permission" in refused.content.decode()
    assert Authenticator.objects.filter(user=editor).exists()

    assert admin.post(url)["Location"] == "/admin/users/"
    assert not Authenticator.objects.filter(user=editor).exists()
    assert ModelLogEntry.objects.get(action=REMOVED).user == superuser


@pytest.mark.parametrize(
    ("language", "heading", "allauths_own"),
    [
        ("fr", "Connexion à l'administration d'INPUD", "Mot de passe"),
        ("es", "Iniciar sesión en la administración de INPUD", "Contraseña"),
        ("ru", "Вход в панель управления INPUD", "Пароль"),
    ],
)
def test_the_sign_in_pages_speak_the_browsers_language(editor, language, heading, allauths_own):
    secret = add_authenticator_app(editor)
    client = Client(HTTP_ACCEPT_LANGUAGE=language)

    sign_in_page = client.get("/accounts/login/").content.decode()
    password_step(client, "editor")
    code_page = client.get("/accounts/2fa/authenticate/").content.decode()

    assert f'<html lang="{language}"' in sign_in_page
    assert heading in sign_in_page.replace("&#x27;", "'")
    assert allauths_own in sign_in_page
    assert f'<html lang="{language}"' in code_page
    assert "Two-Factor Authentication" not in code_page  # allauth's own catalogue
    assert sign_in(Client(), "editor", fresh_code(secret))["Location"] == "/admin/"
