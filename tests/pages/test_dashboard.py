"""The admin home's "Needs attention" panel lists what editors should act on."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from documents.editions import OnlineEdition
from tests.factories import PublicationFactory, PublicationSeriesFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser("admin", "a@inpud.example", "pw")


def panel(client):
    html = client.get("/admin/").content.decode()
    start = html.index('<section class="w-panel needs-attention"')
    return html[start : html.index("</section>", start)]


def test_the_panel_lists_pages_awaiting_moderation(
    client, admin_user, about_tree, django_user_model
):
    editor = django_user_model.objects.create_user("editor", "e@inpud.example", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    aims = about_tree["aims"]
    aims.get_workflow().start(aims, editor)
    client.force_login(admin_user)

    html = panel(client)

    assert "Pages awaiting moderation: 1" in html
    assert f'<a href="/admin/pages/{aims.pk}/edit/">Our aims</a>' in html


def test_the_panel_lists_current_publications_older_than_a_year(client, admin_user, home):
    today = timezone.localdate()
    plan = PublicationSeriesFactory(title="INPUD Strategic Plan", key="strategic-plan")
    PublicationFactory(
        title="Strategic Plan 2021-2024",
        series=plan,
        is_current_version=True,
        publication_date=today - datetime.timedelta(days=400),
    )
    report = PublicationSeriesFactory(title="Annual report", key="annual-report")
    PublicationFactory(
        title="Annual report 2026", series=report, is_current_version=True, publication_date=today
    )
    client.force_login(admin_user)

    html = panel(client)

    assert "Current publications older than a year: 1" in html
    assert "Strategic Plan 2021-2024</a>: current version of “INPUD Strategic Plan”" in html
    assert "Annual report 2026" not in html


def test_the_panel_lists_missing_and_out_of_date_translations(
    client, admin_user, about_tree, django_capture_on_commit_callbacks
):
    french = Locale.objects.get(language_code="fr")
    about = about_tree["about"]
    TranslationCreator(admin_user, [french]).create_translations(about)
    french_about = about.get_translation(french)
    french_about.save_revision().publish()
    # English About is published again after the French translation: French is out of date.
    about.last_published_at = timezone.now() + datetime.timedelta(minutes=1)
    about.save()
    client.force_login(admin_user)

    html = panel(client)

    assert "Pages with missing or out-of-date translations:" in html
    about_item = html[html.index("<li>Who we are:") :].split("</li>")[0]
    assert 'data-status="outdated">FR out of date</a>' in about_item
    assert 'data-status="missing">ES not translated</a>' in about_item
    assert 'href="/admin/translation-status/">All translations</a>' in html


def test_a_quiet_week_says_so(client, admin_user, home):
    client.force_login(admin_user)

    html = panel(client)

    assert "Nothing is waiting for a moderator." in html
    assert "Every series' current version is less than a year old." in html


def test_the_panel_lists_library_drafts_a_translators_edition_included(
    client, admin_user, home, django_user_model, django_capture_on_commit_callbacks
):
    editor = django_user_model.objects.create_user("editor", "e@inpud.example", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    published = PublicationFactory(title="Published report")
    published.save_revision(user=admin_user).publish()
    submitted = PublicationFactory(title="Zanzibar draft", live=False)
    submitted.save_revision(user=editor)
    submitted.get_workflow().start(submitted, editor)
    edition = OnlineEdition(
        publication=published, locale=Locale.get_default(), title="Quokka edition", live=True
    )
    edition.save()
    edition.save_revision(user=admin_user).publish()
    # A translator's French translation, saved as a draft in wagtail-localize's editor.
    french = Locale.objects.get(language_code="fr")
    TranslationCreator(admin_user, [french]).create_translations(edition)
    translation = Translation.objects.get(
        source__object_id=edition.translation_key, target_locale=french
    )
    translation.save_target(user=admin_user, publish=False)
    client.force_login(admin_user)

    html = panel(client)

    assert "Library drafts not yet published: 2" in html
    french_edition = OnlineEdition.objects.get(locale=french)
    assert (
        f'Online edition <a href="/admin/snippets/documents/onlineedition/edit/'
        f'{french_edition.pk}/">Quokka edition</a> (French): draft, not submitted'
    ) in html
    assert (
        f'Publication <a href="/admin/snippets/documents/publication/edit/{submitted.pk}/">'
        "Zanzibar draft</a>: submitted for moderation"
    ) in html
    # Positive controls: what is published as last saved is not listed.
    assert "Published report" not in html and "Quokka edition</a> (English)" not in html
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes then
        translation.save_target(user=admin_user, publish=True)
    html = panel(client)
    assert "Library drafts not yet published: 1" in html, html
