"""Editors work through the Wagtail admin: its forms create and edit every page type."""

import pytest
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from pages.models import AimsPage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(user)
    return client


@pytest.mark.parametrize("page_name", ["home", "about", "aims", "principles", "governance"])
def test_admin_edit_form_opens_for_every_page_type(editor_client, about_tree, page_name):
    page = about_tree[page_name]

    response = editor_client.get(f"/admin/pages/{page.pk}/edit/")

    assert response.status_code == 200


def test_editor_reorders_and_adds_aims_through_the_admin(editor_client, client, about_tree):
    aims = about_tree["aims"]
    data = nested_form_data(
        {
            "title": "Our aims",
            "slug": "aims",
            "intro": rich_text(""),
            "aims": streamfield(
                [
                    ("aim", rich_text("<p>Second aim.</p>")),
                    ("aim", rich_text("<p>First aim.</p>")),
                    ("aim", rich_text("<p>A new third aim.</p>")),
                ]
            ),
            "action-publish": "publish",
        }
    )

    response = editor_client.post(f"/admin/pages/{aims.pk}/edit/", data)

    assert response.status_code == 302
    html = client.get("/en/about/aims/").content.decode()
    assert html.index("Second aim.") < html.index("First aim.") < html.index("A new third aim.")
    assert len(AimsPage.objects.get().aims) == 3


def test_editor_creates_a_standard_page_under_about(editor_client, client, about_tree):
    about = about_tree["about"]
    data = nested_form_data(
        {
            "title": "Vancouver Declaration",
            "slug": "vancouver-declaration",
            "intro": rich_text("<p>Our demands.</p>"),
            "body": streamfield([("text", rich_text("<p>The declaration.</p>"))]),
            "action-publish": "publish",
        }
    )

    response = editor_client.post(f"/admin/pages/add/pages/standardpage/{about.pk}/", data)

    assert response.status_code == 302
    assert StandardPage.objects.get().live
    assert "The declaration." in client.get("/en/about/vancouver-declaration/").content.decode()


def test_admin_refuses_a_second_aims_page(editor_client, about_tree):
    response = editor_client.get(
        f"/admin/pages/add/pages/aimspage/{about_tree['about'].pk}/", follow=True
    )

    assert response.redirect_chain[-1][0] == "/admin/"
    assert "Sorry, you do not have permission to access this area." in response.content.decode()
    assert AimsPage.objects.count() == 1
