"""sitemap.xml (per language, hreflang alternates for live translations), robots.txt,
security.txt, and redirects from INPUD's old site."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale

from documents.editions import OnlineEdition
from tests.factories import (
    DocumentLibraryPageFactory,
    HomePageFactory,
    LibraryDocumentFactory,
    PublicationFactory,
    members_only_collection,
)

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def translate(page, language_code, publish=True):
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    translation = page.copy_for_translation(locale, copy_parents=True)
    if publish:
        translation.save_revision().publish()
    else:
        translation.unpublish()
    return translation


def sitemap_entries(client, language_code):
    response = client.get(f"/sitemap-{language_code}.xml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    # No longer than a CDN keeps pages: an unpublished publication's address leaves too.
    assert response["Cache-Control"] == "public, max-age=300"
    tree = ET.fromstring(response.content)
    return {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in tree.findall("s:url", NS)
    }


@pytest.fixture
def about(home):
    return HomePageFactory(parent=home, title="About", slug="about")


def test_the_sitemap_index_names_one_sitemap_per_language_with_pages(client, home, about):
    translate(home, "fr")

    tree = ET.fromstring(client.get("/sitemap.xml").content)
    locations = [loc.text for loc in tree.findall("s:sitemap/s:loc", NS)]

    assert locations == ["http://localhost/sitemap-en.xml", "http://localhost/sitemap-fr.xml"]


def test_hreflang_alternates_list_only_live_translations(client, home, about):
    translate(home, "fr")
    translate(home, "es", publish=False)  # a draft translation: not an alternate
    translate(about, "fr", publish=False)

    english = sitemap_entries(client, "en")

    assert english["http://localhost/en/"] == {
        "en": "http://localhost/en/",
        "fr": "http://localhost/fr/",
    }
    assert english["http://localhost/en/about/"] == {}  # its French copy is a draft
    french = sitemap_entries(client, "fr")
    assert list(french) == ["http://localhost/fr/"]  # not the draft
    assert french["http://localhost/fr/"]["en"] == "http://localhost/en/"


def test_a_language_without_live_pages_lists_nothing_and_unknown_ones_are_404(client, home):
    assert "sitemap-ru.xml" not in client.get("/sitemap.xml").content.decode()
    assert b"<url>" not in client.get("/sitemap-ru.xml").content
    assert client.get("/sitemap-xx.xml").status_code == 404


def test_sitemap_queries_do_not_grow_with_the_number_of_pages(
    client, home, django_assert_max_num_queries
):
    for number in range(3):
        HomePageFactory(parent=home, title=f"Small {number}", slug=f"small-{number}")
    with django_assert_max_num_queries(12) as small:
        client.get("/sitemap-en.xml")
    for number in range(15):
        HomePageFactory(parent=home, title=f"Large {number}", slug=f"large-{number}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/sitemap-en.xml")


def test_robots_txt_disallows_the_admin_and_names_the_sitemap(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_security_txt_names_a_contact_and_an_expiry_within_a_year(client, db):
    response = client.get("/.well-known/security.txt")

    assert response.status_code == 200
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"].startswith(("mailto:", "https://"))
    expires = datetime.datetime.fromisoformat(fields["Expires"].replace("Z", "+00:00"))
    now = datetime.datetime.now(datetime.UTC)
    assert now < expires < now + datetime.timedelta(days=366)


def test_old_site_urls_redirect_permanently_to_the_new_pages(client, home):
    call_command("load_redirects")

    for old, new in [
        ("/en/our-aims", "/en/about/aims/"),
        ("/en/our-aims/", "/en/about/aims/"),
        ("/?page_id=38", "/en/about/"),
    ]:
        response = client.get(old)
        assert (response.status_code, response["Location"]) == (301, new), old


def test_loading_redirects_twice_keeps_editors_changes(db, tmp_path):
    call_command("load_redirects")
    Redirect.objects.filter(old_path="/en/our-aims").update(redirect_link="/en/edited/")
    count = Redirect.objects.count()

    call_command("load_redirects")

    assert Redirect.objects.count() == count
    assert Redirect.objects.get(old_path="/en/our-aims").redirect_link == "/en/edited/"


def test_a_redirect_file_without_its_header_is_refused(db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("/old,/new\n")

    with pytest.raises(CommandError, match="old_path,new_path"):
        call_command("load_redirects", str(bad))


def an_edition(publication, language_code="en", live=True):
    edition = OnlineEdition(
        publication=publication,
        locale=Locale.objects.get(language_code=language_code),
        title=publication.title,
        body=[("paragraph", "<p>The text.</p>")],
        live=live,
    )
    edition.save()
    return edition


def test_the_sitemap_lists_the_publications_and_online_editions_visitors_may_see(client, home):
    library = DocumentLibraryPageFactory(parent=home)
    translate(library, "fr")
    members = members_only_collection()
    listed = PublicationFactory(title="Listed")
    an_edition(listed)
    an_edition(PublicationFactory(title="Draft edition"), live=False)
    PublicationFactory(title="Draft", live=False)
    members_only = PublicationFactory(
        title="Members only",
        documents=[LibraryDocumentFactory(title="Members' file", collection=members)],
    )
    an_edition(members_only)  # live, but its publication is not listed

    english, french = sitemap_entries(client, "en"), sitemap_entries(client, "fr")

    en_page = "http://localhost/en/resources/publications/listed/"
    fr_page = "http://localhost/fr/resources/publications/listed/"
    assert english[en_page] == french[fr_page] == {"en": en_page, "fr": fr_page}
    assert english[en_page + "read/"] == {}  # in English only: no alternate
    assert fr_page + "read/" not in french  # the English text there is canonical in English
    publications = {url for url in english if "/publications/" in url}
    assert publications == {
        en_page,
        en_page + "read/",
        "http://localhost/en/resources/publications/draft-edition/",
    }
    assert (
        "http://localhost/en/resources/" in english and "http://localhost/fr/resources/" in french
    )


def test_sitemap_queries_do_not_grow_with_the_number_of_publications(
    client, home, django_assert_max_num_queries
):
    DocumentLibraryPageFactory(parent=home)
    for number in range(2):
        an_edition(PublicationFactory(title=f"Small {number}"))
    with django_assert_max_num_queries(12) as small:
        entries = sitemap_entries(client, "en")
    assert len(entries) == 2 + 2 * 2  # home, library, two publications and their editions
    for number in range(10):
        an_edition(PublicationFactory(title=f"Large {number}"))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(sitemap_entries(client, "en")) == 2 + 12 * 2
