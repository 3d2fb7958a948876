"""The translation status matrix tells translators what to do next."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def cells(html):
    """{(page title, language): (status, link)} from the status table."""
    table = {}
    for title, row in re.findall(
        r'<th scope="row">([^<]+?)(?: <span[^<]*</span>)?</th>(.*?)</tr>', html, re.S
    ):
        for language, status, link in re.findall(
            r'<td data-language="(\w+)" data-status="(\w+)"><a href="([^"]+)">', row
        ):
            table[(title, language)] = (status, link)
    return table


def test_status_shows_missing_draft_current_and_outdated(
    translator_client, about_tree, locales, django_capture_on_commit_callbacks
):
    about, aims = about_tree["about"], about_tree["aims"]
    about.copy_for_translation(locales["fr"], copy_parents=True).save_revision().publish()
    aims_fr = aims.copy_for_translation(locales["fr"])
    aims_es = aims.copy_for_translation(locales["es"], copy_parents=True)
    aims_es.save_revision().publish()
    aims_fr.save_revision()  # a draft
    aims.save_revision().publish()  # English changes after the Spanish translation
    a_month_ago = timezone.now() - timedelta(days=30)
    Page.objects.filter(pk=aims_es.pk).update(last_published_at=a_month_ago)

    html = translator_client.get("/admin/translation-status/").content.decode()
    table = cells(html)

    assert table[("Who we are", "fr")][0] == "current"
    submit = f"/admin/localize/submit/page/{about.pk}/"
    assert table[("Who we are", "ru")] == ("missing", f"{submit}?select_locale=ru")
    assert table[("Our aims", "fr")] == ("draft", f"/admin/pages/{aims_fr.pk}/edit/")
    assert table[("Our aims", "es")][0] == "outdated"
    assert table[("Governance", "es")][0] == "missing"


def test_each_missing_cell_starts_the_translation_into_its_own_language(
    translator_client, about_tree, locales
):
    html = translator_client.get("/admin/translation-status/").content.decode()
    links = {language: cells(html)[("Our aims", language)][1] for language in ("fr", "es", "ru")}
    assert len(set(links.values())) == 3  # three cells, three addresses

    for language, link in links.items():
        form = translator_client.get(link).content.decode()
        ticked = re.findall(r'<input[^>]*name="locales"[^>]*value="(\d+)"[^>]*checked', form)
        ticked += re.findall(r'<input[^>]*checked[^>]*name="locales"[^>]*value="(\d+)"', form)
        assert ticked == [str(locales[language].pk)], language


def test_status_is_for_translators_and_editors_only(client, django_user_model, about_tree):
    nobody = django_user_model.objects.create_user("visitor", "v@example.org", "pw")
    client.force_login(nobody)

    assert client.get("/admin/translation-status/").status_code in (302, 403)
