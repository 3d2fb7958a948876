"""Editing help: every field explains itself, images need alt text, and the accessibility
checker runs this site's rules."""

import io
import json
import re

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)

from pages.content_checker import SITE_RULES
from pages.image_form import ALT_TEXT_MISSING

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@inpud.example", "pw"))
    return client


def png(name="banner.png"):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (8, 8), "purple").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


WAGTAIL_MIXIN_FIELDS = {
    field.name
    for mixin in (DraftStateMixin, RevisionMixin, LockableMixin, WorkflowMixin, TranslatableMixin)
    for field in mixin._meta.get_fields()
}


def test_every_field_an_editor_fills_in_has_help_text():
    missing = [
        f"{model.__name__}.{field.name}"
        for app_label in ["pages", "documents"]
        for model in apps.get_app_config(app_label).get_models()
        for field in model._meta.get_fields()
        if getattr(field, "concrete", False)
        and not field.auto_created
        and field.model is model
        and field.editable
        and not getattr(field, "help_text", None)
        and field.name not in {"publication"}  # the inline's link to its publication
        and field.name not in WAGTAIL_MIXIN_FIELDS  # Wagtail's own publishing panel
    ]
    assert missing == []


def test_an_image_without_alt_text_is_refused_with_a_clear_message(admin_client):
    response = admin_client.post(
        "/admin/images/add/", {"title": "Banner", "file": png(), "description": ""}
    )

    assert response.status_code == 200
    assert ALT_TEXT_MISSING in response.content.decode()
    assert not get_image_model().objects.exists()


def test_an_image_with_alt_text_is_saved_and_uses_it_as_alt(admin_client):
    response = admin_client.post(
        "/admin/images/add/",
        {"title": "Banner", "file": png(), "description": "Activists with a banner"},
    )

    assert response.status_code == 302
    assert get_image_model().objects.get().default_alt_text == "Activists with a banner"


def test_the_bulk_uploader_still_accepts_files_then_asks_for_alt_text(admin_client):
    response = admin_client.post(
        "/admin/images/multiple/add/", {"title": "Banner", "files[]": png()}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["success"]
    assert 'name="image-' in body["form"] and "description" in body["form"]


def test_the_accessibility_checker_runs_the_sites_rules(admin_client, about_tree):
    aims = about_tree["aims"]

    # The editor's "Checks" panel runs the checker on the preview. (The public pages do
    # not render Wagtail's userbar: templates/base.html has no {% wagtailuserbar %}.)
    editor = admin_client.get(f"/admin/pages/{aims.pk}/edit/").content.decode()

    for page_html in [editor]:
        match = re.search(
            r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>',
            page_html,
            re.S,
        )
        assert match, "the checker's configuration is on the page"
        configuration = json.loads(match.group(1))
        run_only = configuration["options"]["runOnly"]
        assert run_only[: len(SITE_RULES)] == SITE_RULES
        assert configuration["messages"]["image-alt"]["error_name"] == "Image without alt text"
