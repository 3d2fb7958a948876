"""Admin login lockout (django-axes with hosting/lockout.py) and CSRF on admin forms,
through the one sign-in form (allauth's, at /accounts/login/).

The rule: wrong passwords count per username *and* address, so a stranger's failures
lock only the stranger; an address that sprays many usernames is locked for all of them;
IPv6 addresses count by their /64. Wrong second-factor codes count the same way."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.test import Client

from harness.totp import fresh_code
from hosting.lockout import attempted_username, counted_address
from tests.second_factor import StaffClient, add_authenticator_app

PASSWORD = "correct horse battery staple"
STRANGER = "203.0.113.66"
EDITOR_HOME = "198.51.100.7"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_ADDRESS_FAILURE_LIMIT = 6


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "e@inpud.example", PASSWORD)


def login(address, password, username="editor", client=None, **headers):
    """One sign-in attempt from `address`, in a browser of its own unless one is given."""
    return (client or Client()).post(
        "/accounts/login/",
        {"login": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def signs_in(address, username="editor"):
    response = login(address, PASSWORD, username)
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_login_is_locked_after_the_failure_limit_with_a_clear_message(axes_on, editor):
    for _ in range(2):
        assert login(STRANGER, "wrong").status_code == 200  # the form again, with its error

    locked = login(STRANGER, "wrong")

    assert locked.status_code == 429
    assert b"Sign-in locked" in locked.content
    assert b"locked for 1\xc2\xa0hour" in locked.content
    assert b"ask a site administrator to unlock" in locked.content
    assert locked["Retry-After"] == "3600"
    # The right password does not get through the lock from that address either.
    assert login(STRANGER, PASSWORD).status_code == 429


def test_the_lockout_page_speaks_the_browsers_language(axes_on, editor):
    for _ in range(3):
        locked = login(STRANGER, "wrong", HTTP_ACCEPT_LANGUAGE="fr")

    assert locked.status_code == 429
    assert b'<html lang="fr">' in locked.content
    assert "Connexion bloquée" in locked.content.decode()


def test_a_strangers_failures_do_not_lock_the_editor_out_of_their_own_address(axes_on, editor):
    for _ in range(5):  # past the limit: the stranger keeps trying while locked
        login(STRANGER, "wrong")
    assert login(STRANGER, PASSWORD).status_code == 429  # the pair (editor, stranger's address)

    assert signs_in(EDITOR_HOME)
    # The stranger is still locked out of this username from their address.
    assert login(STRANGER, PASSWORD).status_code == 429


def test_the_editors_own_failures_lock_only_their_address(axes_on, editor):
    for _ in range(3):
        login(EDITOR_HOME, "wrong")
    assert login(EDITOR_HOME, PASSWORD).status_code == 429

    assert signs_in("192.0.2.10")  # their phone, on another network


def test_password_spraying_locks_the_address_for_every_username(axes_on, editor, django_user_model):
    django_user_model.objects.create_user("translator", "t@inpud.example", PASSWORD)
    for number in range(5):  # one below the address limit, each username below its own
        assert login(STRANGER, "wrong", username=f"guess-{number}").status_code == 200
    assert signs_in(STRANGER, "translator")  # below the limit: the address still works

    assert login(STRANGER, "wrong", username="guess-5").status_code == 429

    assert login(STRANGER, PASSWORD).status_code == 429  # every username, from that address
    assert login(STRANGER, PASSWORD, username="translator").status_code == 429
    assert signs_in(EDITOR_HOME)  # other addresses are not affected
    assert signs_in(EDITOR_HOME, "translator")


def test_a_successful_sign_in_does_not_clear_the_addresss_count(axes_on, editor):
    for number in range(5):
        login(STRANGER, "wrong", username=f"guess-{number}")
    assert signs_in(STRANGER)  # clears the pair (editor, address) only

    assert login(STRANGER, "wrong", username="guess-5").status_code == 429


def test_spellings_of_one_username_count_together(axes_on, editor):
    login(STRANGER, "wrong", username="editor")
    login(STRANGER, "wrong", username="Editor")

    assert login(STRANGER, "wrong", username=" EDITOR ").status_code == 429
    assert login(STRANGER, PASSWORD).status_code == 429
    assert signs_in(EDITOR_HOME)


def test_the_username_is_read_from_allauths_login_field_too(axes_on, rf):
    # The sign-in issue replaces the form with allauth's, which posts `login`.
    request = rf.post("/accounts/login/", {"login": "Editor@INPUD.example", "password": "x"})

    assert attempted_username(request, {"email": "Editor@INPUD.example"}) == "editor@inpud.example"
    assert attempted_username(request, None) == "editor@inpud.example"


def test_ipv6_addresses_count_by_their_64_network(axes_on, editor):
    login("2001:db8:1:2::1", "wrong")
    login("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "wrong")

    assert login("2001:db8:1:2::ffff", "wrong").status_code == 429  # the third in that /64
    assert login("2001:db8:1:2::1234", PASSWORD).status_code == 429
    assert signs_in("2001:db8:1:3::1")  # the next /64 is somebody else


def test_ipv6_networks_are_counted_apart(axes_on, editor):
    for network in range(3):
        assert login(f"2001:db8:0:{network}::1", "wrong").status_code == 200

    assert login("2001:db8:0:9::1", "wrong").status_code == 200  # still each network's first
    assert AccessAttempt.objects.values("ip_address").distinct().count() == 4


@pytest.mark.parametrize(
    ("address", "counted"),
    [
        ("198.51.100.7", "198.51.100.7"),
        ("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::"),
        ("2001:DB8:1:2::", "2001:db8:1:2::"),
        ("::ffff:198.51.100.7", "198.51.100.7"),  # an IPv4 client on a dual-stack socket
        ("not an address", None),
        ("", None),
    ],
)
def test_the_counted_address(address, counted):
    assert counted_address(address) == counted


def test_a_locked_account_is_unlocked_by_the_documented_commands(axes_on, editor):
    for _ in range(3):
        login(STRANGER, "wrong")
    assert login(STRANGER, PASSWORD).status_code == 429

    call_command("axes_reset_username", "Editor")  # any spelling

    assert signs_in(STRANGER)


def test_axes_reset_ip_unlocks_an_address_and_its_ipv6_network(axes_on, editor):
    for number in range(6):
        login(STRANGER, "wrong", username=f"guess-{number}")
        login("2001:db8:1:2::1", "wrong", username=f"guess-{number}")
    assert login(STRANGER, PASSWORD).status_code == 429
    assert login("2001:db8:1:2::1", PASSWORD).status_code == 429

    call_command("axes_reset_ip", STRANGER)
    call_command("axes_reset_ip", "2001:db8:1:2::abcd")  # any address of the /64

    assert signs_in(STRANGER)
    assert signs_in("2001:db8:1:2::1")


def test_axes_reset_unlocks_everything(axes_on, editor):
    for _ in range(3):
        login(STRANGER, "wrong")
        login(EDITOR_HOME, "wrong")

    call_command("axes_reset")

    assert signs_in(STRANGER)
    assert signs_in(EDITOR_HOME)


def test_a_correct_login_below_the_limit_signs_in(axes_on, editor):
    login(EDITOR_HOME, "wrong")

    assert signs_in(EDITOR_HOME)


def test_admin_forms_refuse_a_post_without_the_csrf_token(editor, home):
    client = StaffClient(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post(
        f"/admin/pages/{home.pk}/edit/", {"title": "Defaced", "slug": "home", "action-publish": "1"}
    )

    assert response.status_code == 403
    home.refresh_from_db()
    assert home.title != "Defaced"


def test_login_form_refuses_a_post_without_the_csrf_token(editor):
    response = Client(enforce_csrf_checks=True).post(
        "/accounts/login/", {"login": "editor", "password": PASSWORD}
    )

    assert response.status_code == 403


def test_a_stranger_with_the_password_who_guesses_codes_is_locked_like_a_guessed_password(
    axes_on, editor
):
    secret = add_authenticator_app(editor)
    stranger = Client()
    assert login(STRANGER, PASSWORD, client=stranger)["Location"] == "/accounts/2fa/authenticate/"
    for _ in range(2):
        wrong = stranger.post(
            "/accounts/2fa/authenticate/", {"code": "000000"}, REMOTE_ADDR=STRANGER
        )
        assert wrong.status_code == 200  # the form again, with its error

    assert (
        stranger.post(
            "/accounts/2fa/authenticate/", {"code": "000000"}, REMOTE_ADDR=STRANGER
        ).status_code
        == 429
    )
    # Locked: even the right code, or the password again, gets nothing from that address.
    right = stranger.post(
        "/accounts/2fa/authenticate/", {"code": fresh_code(secret)}, REMOTE_ADDR=STRANGER
    )
    assert right.status_code == 429
    assert login(STRANGER, PASSWORD).status_code == 429
    # The editor, from home, signs in with password and code.
    at_home = Client()
    assert login(EDITOR_HOME, PASSWORD, client=at_home).status_code == 302
    signed_in = at_home.post(
        "/accounts/2fa/authenticate/", {"code": fresh_code(secret)}, REMOTE_ADDR=EDITOR_HOME
    )
    assert signed_in["Location"] == "/admin/"


def test_allauths_own_limit_locks_no_username_from_every_address(editor, settings):
    # axes off: only allauth's limits. Its default would refuse the editor everywhere
    # after 5 failures from anywhere; the site keeps it per address only.
    for number in range(8):
        login(f"203.0.113.{number}", "wrong")

    assert signs_in(EDITOR_HOME)
