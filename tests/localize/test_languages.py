"""Visitors read the site in their language; untranslated pages are never passed off."""

import re

import pytest

pytestmark = pytest.mark.django_db

INTERFACE = {
    "fr": "Aller au contenu principal",
    "es": "Saltar al contenido principal",
    "ru": "Перейти к основному содержанию",
}


@pytest.mark.parametrize("language", ["fr", "es", "ru"])
def test_every_language_home_answers_with_its_interface(client, about_tree, language):
    response = client.get(f"/{language}/")
    html = response.content.decode()

    assert response.status_code == 200
    assert f'<html lang="{language}" dir="ltr">' in html
    assert INTERFACE[language] in html


@pytest.mark.parametrize("language", ["fr", "es", "ru"])
def test_untranslated_page_is_english_marked_as_english_with_a_notice(client, about_tree, language):
    html = client.get(f"/{language}/about/").content.decode()

    assert '<main id="main" tabindex="-1" lang="en">' in html
    assert re.search(rf'<p class="notice" lang="{language}" role="note">', html)
    assert "This page is not yet available" not in html  # the notice is translated


def test_untranslated_page_canonical_points_at_the_english_page(client, about_tree):
    html = client.get("/fr/about/").content.decode()

    assert '<link rel="canonical" href="http://testserver/en/about/">' in html


def test_hreflang_lists_only_live_translations_and_x_default(client, about_tree):
    html = client.get("/en/about/").content.decode()

    alternates = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
    assert alternates == [
        ("en", "http://testserver/en/about/"),
        ("x-default", "http://testserver/en/about/"),
    ]


def test_switcher_names_each_language_in_itself_and_keeps_the_page(client, about_tree):
    html = client.get("/en/about/aims/").content.decode()
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)

    links = re.findall(r'<a href="([^"]+)" lang="(\w+)" hreflang="\2"[^>]*>([^<]+)</a>', switcher)
    assert links == [
        ("/en/about/aims/", "en", "English"),
        ("/fr/about/aims/", "fr", "Français"),
        ("/es/about/aims/", "es", "Español"),
        ("/ru/about/aims/", "ru", "Русский"),
    ]
    assert 'aria-current="true">English</a>' in switcher


def test_navigation_on_an_untranslated_page_stays_in_the_visitors_language(client, about_tree):
    html = client.get("/fr/about/").content.decode()
    nav = re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)

    assert '<a href="/fr/about/" lang="en" aria-current="page">Who we are</a>' in nav


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("fr-CA,fr;q=0.9,en;q=0.5", "/fr/"),
        ("es-ES,es;q=0.9", "/es/"),
        ("ru", "/ru/"),
        ("de-DE,de;q=0.9", "/en/"),
        ("", "/en/"),
    ],
)
def test_root_sends_visitors_to_their_best_language_without_a_cookie(
    client, about_tree, accept, expected
):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 302
    assert response["Location"] == expected
    assert response.cookies == {}
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("path", ["/fr/", "/fr/about/", "/ru/search/?q=drug", "/es/nope/"])
def test_no_language_cookie_is_ever_set(client, about_tree, path):
    assert client.get(path).cookies == {}


def test_interface_dates_follow_the_language(client, about_tree):
    html = client.get("/fr/about/aims/").content.decode()

    assert re.search(r"Dernière mise à jour :.*?\d{1,2} \w+ \d{4}", html, re.S)
    months_in_french = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ]
    assert any(month in html for month in months_in_french)


def test_footer_links_stay_in_the_visitors_language(client, about_tree):
    from tests.factories import FooterFactory, StandardPageFactory

    privacy = StandardPageFactory(
        parent=about_tree["home"], title="Privacy statement", slug="privacy"
    )
    FooterFactory(legal_links=[("page", {"label": "", "page": privacy})])

    html = client.get("/es/").content.decode()
    footer = re.search(r"<footer.*?</footer>", html, re.S).group(0)

    assert '<a href="/es/privacy/" lang="en">Privacy statement</a>' in footer
    assert "Sobre este sitio" in footer


def test_about_links_the_declaration_in_the_visitors_language(client, about_tree):
    from wagtail.models import Locale

    from tests.factories import StandardPageFactory

    about = about_tree["about"]
    declaration = StandardPageFactory(
        parent=about, title="The Vancouver Declaration", slug="vancouver-declaration"
    )
    about.vancouver_declaration = declaration
    about.save_revision().publish()
    french = declaration.copy_for_translation(
        Locale.objects.get(language_code="fr"), copy_parents=True
    )
    french.title, french.slug = "La Déclaration de Vancouver", "declaration-de-vancouver"
    french.save_revision().publish()

    in_spanish = client.get("/es/about/").content.decode()
    in_french = client.get("/fr/about/").content.decode()

    # Not translated into Spanish: the English page under /es/, marked as English.
    assert (
        '<li><a href="/es/about/vancouver-declaration/" lang="en">The Vancouver Declaration</a>'
        in in_spanish
    )
    assert '<li><a href="/fr/about/declaration-de-vancouver/">La Déclaration de Vancouver</a>' in (
        in_french
    )
    assert in_french.count("La Déclaration de Vancouver</a>") == 1  # not again below


def test_only_public_addresses_are_sent_to_a_language_prefix(client, admin_client, home):
    # A visitor's mistyped address gets the language prefix, as every public page has one.
    assert client.get("/no-such-page/")["Location"] == "/en/no-such-page/"
    # The admin's JSON API answers a missing page with its own 404, not a redirect to an
    # HTML "page not found" under /en/admin/.
    missing = admin_client.get("/admin/api/main/pages/999999/")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/json"


def test_untranslated_parents_of_a_translated_page_point_their_canonical_at_english(
    client, about_tree, admin_user, django_capture_on_commit_callbacks
):
    from wagtail.models import Locale
    from wagtail_localize.models import Translation
    from wagtail_localize.operations import TranslationCreator

    spanish = Locale.objects.get(language_code="es")
    principles = about_tree["principles"]
    TranslationCreator(admin_user, [spanish]).create_translations(principles)
    translation = Translation.objects.get(
        source__object_id=principles.translation_key, target_locale=spanish
    )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=admin_user, publish=True)

    def canonical(path):
        html = client.get(path).content.decode()
        return re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)

    # wagtail-localize made /es/ and /es/about/ as aliases of the English pages.
    assert canonical("/es/") == "http://testserver/en/"
    assert canonical("/es/about/") == "http://testserver/en/about/"
    assert canonical("/es/about/principles/") == "http://testserver/es/about/principles/"
