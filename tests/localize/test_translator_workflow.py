"""A translator (Translators group, not a superuser) translates About into French."""

import pytest
from wagtail_localize.models import StringSegment, Translation

from pages.models import AboutPage

pytestmark = pytest.mark.django_db


def submit_for_french(translator_client, page, locales):
    response = translator_client.post(
        f"/admin/localize/submit/page/{page.pk}/", {"locales": [locales["fr"].pk]}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Translation.objects.get(
        source__object_id=page.translation_key, target_locale=locales["fr"]
    )


def test_translator_translates_and_publishes_about_in_french(
    translator_client, client, about_tree, locales, django_capture_on_commit_callbacks
):
    about = about_tree["about"]
    translation = submit_for_french(translator_client, about, locales)
    french = AboutPage.objects.get(locale=locales["fr"])
    assert not french.live  # a draft until the translator publishes

    segments = StringSegment.objects.filter(source=translation.source).exclude(context__path="slug")
    for segment in segments.select_related("string"):
        response = translator_client.put(
            f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
            f"value=FR {segment.string.data}",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201)
    with django_capture_on_commit_callbacks(execute=True):
        response = translator_client.post(f"/admin/pages/{french.pk}/edit/", {"action": "publish"})
    assert response.status_code in (200, 302)

    french.refresh_from_db()
    assert french.live and french.alias_of_id is None
    french_html = client.get("/fr/about/").content.decode()
    english_html = client.get("/en/about/").content.decode()
    assert "FR Who we are" in french_html
    assert 'class="notice"' not in french_html
    assert '<link rel="alternate" hreflang="fr" href="http://testserver/fr/about/">' in english_html
    assert 'href="/fr/about/">FR Who we are</a>' in client.get("/fr/").content.decode()
    assert '<main id="main" tabindex="-1">' in french_html  # no lang="en": it is French
