"""The contact page and the member networks directory render editors' content, are
friendly when empty, and never name a network that has not agreed to be listed."""

import pytest
from wagtail.models import Locale

from contact.models import ContactPage, MemberNetwork, MemberNetworksPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(home):
    page = ContactPage(
        title="Contact",
        slug="contact",
        ways=[
            (
                "way",
                {"purpose": "Press", "kind": "email", "address": "press@inpud.example", "note": ""},
            ),
            (
                "way",
                {
                    "purpose": "Secure",
                    "kind": "signal",
                    "address": "+41 00 000 00 00",
                    "note": "Replies in English",
                },
            ),
        ],
        safety_note="<p>E-mail is not encrypted: do not name anyone.</p>",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_contact_page_shows_the_ways_editors_entered_and_no_form(client, contact):
    html = client.get("/en/contact/").content.decode()
    main = html.split('<main id="main"')[1].split("</main>")[0]

    assert "<dt>Press</dt>" in main and 'href="mailto:press@inpud.example"' in main
    assert "+41 00 000 00 00" in main and "Replies in English" in main
    assert "What is safe to send" in main and "E-mail is not encrypted" in main
    assert "<form" not in main


def test_an_empty_contact_page_says_details_will_come(client, home):
    page = ContactPage(title="Contact", slug="contact")
    home.add_child(instance=page)
    page.save_revision().publish()

    assert (
        "Contact details will be published here soon."
        in client.get("/en/contact/").content.decode()
    )


@pytest.fixture
def directory(home):
    page = MemberNetworksPage(title="Member networks", slug="networks")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def network(name, region, agreed=True, **fields):
    return MemberNetwork.objects.create(
        name=name, region=region, agreed_to_be_listed=agreed, locale=Locale.get_default(), **fields
    )


def test_only_networks_that_agreed_are_listed_and_the_region_filter_works(client, directory):
    network("EuroNPUD", "europe", website="https://euronpud.example")
    network("ANPUD", "asia-pacific", country="")
    network("Secret network", "europe", agreed=False)

    everything = client.get("/en/networks/").content.decode()
    europe = client.get("/en/networks/?region=europe").content.decode()
    bad = client.get("/en/networks/?region=%00mars")

    assert '<a href="https://euronpud.example" rel="noreferrer noopener">EuroNPUD</a>' in everything
    assert "ANPUD" in everything
    assert "Secret network" not in everything
    assert "EuroNPUD" in europe and "ANPUD" not in europe
    assert bad.status_code == 200 and "There is no such region" in bad.content.decode()


def test_the_empty_directory_says_what_will_be_there(client, directory):
    network("Not yet agreed", "africa", agreed=False)

    html = client.get("/en/networks/").content.decode()

    assert "The member networks that agreed to be named will be listed here." in html
    assert "Not yet agreed" not in html


def test_a_translated_network_is_named_in_the_visitors_language(client, directory):
    english = network("Network of people who use drugs", "latin-america", country="Mexico")
    french = english.copy_for_translation(Locale.objects.get_or_create(language_code="fr")[0])
    french.name = "Réseau des personnes qui consomment des drogues"
    french.country = "Mexique"
    french.save()
    network("Untranslated", "africa")

    html = client.get("/fr/networks/").content.decode()

    assert "Réseau des personnes qui consomment des drogues" in html and "Mexique" in html
    assert '<li class="card" lang="en">' in html  # the untranslated one, marked English
