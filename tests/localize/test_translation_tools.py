"""Translators' tools: PO files, per-language document overrides, permissions, status."""

import re

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Page
from wagtail_localize.models import OverridableSegment, StringSegment, Translation

from pages.models import AboutPage
from tests.factories import LibraryDocumentFactory

pytestmark = pytest.mark.django_db


def submit(client, page, locale):
    response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale.pk]})
    assert response.status_code == 302
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


def publish(client, page, capture):
    with capture(execute=True):
        response = client.post(f"/admin/pages/{page.pk}/edit/", {"action": "publish"})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    return page


def test_po_file_round_trip(
    translator_client, client, about_tree, locales, django_capture_on_commit_callbacks
):
    translation = submit(translator_client, about_tree["about"], locales["es"])

    download = translator_client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/")
    assert download.status_code == 200
    assert download["Content-Type"].startswith("text/x-gettext-translation")
    po = polib.pofile(download.content.decode())
    for entry in po:
        entry.msgstr = "ES " + entry.msgid if entry.msgctxt != "slug" else entry.msgid
    upload = translator_client.post(
        f"/admin/localize/translate/{translation.pk}/pofile/upload/",
        {
            "file": SimpleUploadedFile(
                "about-es.po", str(po).encode(), "text/x-gettext-translation"
            ),
            "next": "/admin/",
        },
    )
    assert upload.status_code == 302

    spanish = publish(
        translator_client,
        AboutPage.objects.get(locale=locales["es"]),
        django_capture_on_commit_callbacks,
    )
    assert spanish.title == "ES Who we are"
    html = client.get("/es/about/").content.decode()
    assert "ES Who we are" in html
    assert '<main id="main" tabindex="-1">' in html


def test_french_about_links_its_own_strategic_plan(
    translator_client, client, about_tree, locales, django_capture_on_commit_callbacks
):
    about = about_tree["about"]
    english_plan = LibraryDocumentFactory(title="Strategic Plan (English)")
    french_plan = LibraryDocumentFactory(title="Plan stratégique (français)")
    about.strategic_plan = english_plan
    about.save_revision().publish()
    translation = submit(translator_client, about, locales["fr"])

    override = OverridableSegment.objects.get(
        source=translation.source, context__path="strategic_plan"
    )
    response = translator_client.put(
        f"/admin/localize/translate/{translation.pk}/overrides/{override.pk}/edit/",
        f"value={french_plan.pk}",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201)
    for segment in StringSegment.objects.filter(source=translation.source).exclude(
        context__path="slug"
    ):
        translator_client.put(
            f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
            f"value=FR {segment.string.data}",
            content_type="application/x-www-form-urlencoded",
        )
    publish(
        translator_client,
        AboutPage.objects.get(locale=locales["fr"]),
        django_capture_on_commit_callbacks,
    )

    assert french_plan.url in client.get("/fr/about/").content.decode()
    assert english_plan.url in client.get("/en/about/").content.decode()
    assert french_plan.url not in client.get("/en/about/").content.decode()
    # Chosen by the live pages that link them, both files are public now.
    assert client.get(french_plan.url).status_code == 200
    assert client.get(english_plan.url).status_code == 200


def test_translator_cannot_publish_or_delete_english_pages(
    translator, translator_client, about_tree
):
    aims = about_tree["aims"]
    before = aims.get_latest_revision()

    publish_attempt = translator_client.post(f"/admin/pages/{aims.pk}/edit/", {"action": "publish"})
    delete_attempt = translator_client.post(f"/admin/pages/{aims.pk}/delete/")

    assert publish_attempt.status_code in (302, 403)
    assert delete_attempt.status_code in (302, 403)
    aims.refresh_from_db()
    assert Page.objects.filter(pk=aims.pk).exists()
    assert aims.get_latest_revision() == before
    permissions = aims.permissions_for_user(translator)
    assert not permissions.can_edit()
    assert not permissions.can_publish()
    assert not permissions.can_delete()


def test_translator_cannot_manage_users_or_settings(translator_client, about_tree):
    for url in ["/admin/users/", "/admin/groups/", "/admin/locales/", "/admin/sites/"]:
        response = translator_client.get(url)
        assert response.status_code in (302, 403), url


def test_translator_can_edit_and_publish_in_the_french_tree(
    translator_client, about_tree, locales, django_capture_on_commit_callbacks
):
    submit(translator_client, about_tree["about"], locales["fr"])
    french = AboutPage.objects.get(locale=locales["fr"])

    french = publish(translator_client, french, django_capture_on_commit_callbacks)

    assert french.live


# An executable inline <script>: no src, and not a JSON data block (which the CSP allows).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>")


def test_translation_screens_carry_no_inline_script(translator_client, about_tree, locales):
    """The admin CSP refuses inline scripts: wagtail-localize's "Translate page" form and
    editor get theirs from hosting/js/admin-init.js instead (templates/wagtail_localize/)."""
    about = about_tree["about"]
    form = translator_client.get(f"/admin/localize/submit/page/{about.pk}/").content.decode()
    submit(translator_client, about, locales["es"])
    spanish = AboutPage.objects.get(locale=locales["es"])
    editor = translator_client.get(f"/admin/pages/{spanish.pk}/edit/").content.decode()

    assert INLINE_SCRIPT.findall(form) == []
    assert INLINE_SCRIPT.findall(editor) == []
    assert '<template data-inpud-init="selectAllLocales">' in form
    assert 'data-inpud-page-chooser="/admin/choose-page/"' in editor
    assert "wagtail_localize/js/wagtail-localize.js" in editor
