"""Admin login lockout (django-axes) and CSRF on admin forms."""

import pytest
from django.core.management import call_command
from django.test import Client

PASSWORD = "correct horse battery staple"


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "e@inpud.example", PASSWORD)


def login(client, password):
    return client.post(
        "/admin/login/", {"username": "editor", "password": password, "next": "/admin/"}
    )


def test_login_is_locked_after_the_failure_limit_with_a_clear_message(axes_on, editor, client):
    for _ in range(2):
        assert login(client, "wrong").status_code == 200  # the form again, with its error

    locked = login(client, "wrong")

    assert locked.status_code == 429
    assert b"Sign-in locked for this account" in locked.content
    assert b"ask a site administrator to unlock" in locked.content
    # The right password does not get through a lockout either.
    assert login(client, PASSWORD).status_code == 429


def test_a_locked_account_is_unlocked_by_the_documented_command(axes_on, editor, client):
    for _ in range(3):
        login(client, "wrong")
    assert login(client, PASSWORD).status_code == 429

    call_command("axes_reset_username", "editor")
    call_command("axes_reset_ip", "127.0.0.1")

    response = login(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_correct_login_below_the_limit_signs_in(axes_on, editor, client):
    login(client, "wrong")

    assert login(client, PASSWORD).status_code == 302


def test_admin_forms_refuse_a_post_without_the_csrf_token(editor, home):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)

    response = client.post(
        f"/admin/pages/{home.pk}/edit/", {"title": "Defaced", "slug": "home", "action-publish": "1"}
    )

    assert response.status_code == 403
    home.refresh_from_db()
    assert home.title != "Defaced"


def test_login_form_refuses_a_post_without_the_csrf_token(editor):
    response = Client(enforce_csrf_checks=True).post(
        "/admin/login/", {"username": "editor", "password": PASSWORD}
    )

    assert response.status_code == 403
