"""What the mirror carries and what it must not (drafts, restricted files, member networks
not agreed to be listed, removed pages), and how visitors of the live site learn about it
(Onion-Location on cache hits too, the "If this site is blocked" page), built in-process
from the seeded site."""

import datetime
import io
import re

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from wagtail.models import Collection, CollectionViewRestriction, Page, Site

from contact.models import MemberNetwork
from documents.library_page import DocumentLibraryPage
from documents.models import LibraryDocument
from mirrors.folder import build_mirror
from mirrors.models import MirrorSettings
from pages.models import StandardPage
from tests.factories import (
    PersonFactory,
    PublicationFactory,
    PublicationSeriesFactory,
    StandardPageFactory,
    image_from_bytes,
    phone_photo_jpeg,
)

PUBLIC_URL = "https://inpud.example"


@pytest.fixture
def seeded(db):
    call_command("load_site_content", stdout=io.StringIO())
    return Page.objects.get(depth=2, locale__language_code="en")


@pytest.fixture
def copy(tmp_path):
    return tmp_path / "copy"  # beside the test's media folder (tests/conftest.py)


def everything(folder) -> bytes:
    return b"".join(path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file())


def test_the_mirror_carries_only_what_the_live_site_shows(seeded, copy):
    MemberNetwork.objects.create(
        name="Openly Listed Network", region="europe", agreed_to_be_listed=True
    )
    MemberNetwork.objects.create(name="Unlisted Network", region="europe")
    draft = StandardPage(title="Draft plans", slug="draft-plans", live=False)
    seeded.add_child(instance=draft)
    draft.save_revision()  # saved, never published
    assert Client().get("/en/draft-plans/").status_code == 404
    board = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=board, restriction_type=CollectionViewRestriction.LOGIN
    )
    secret = PublicationFactory(title="Board minutes")
    open_report = PublicationFactory(title="Open report")
    LibraryDocument.objects.filter(publication_files__publication=secret).update(collection=board)
    secret_file = LibraryDocument.objects.get(publication_files__publication=secret)
    open_file = LibraryDocument.objects.get(publication_files__publication=open_report)

    build_mirror(copy, PUBLIC_URL)
    held = everything(copy)

    networks = (copy / "en/about/networks/index.html").read_text()
    assert "Openly Listed Network" in networks
    assert b"Unlisted Network" not in held
    assert b"Open report" in held  # control: what is public is there
    assert b"Draft plans" not in held and not (copy / "en/draft-plans").exists()
    assert (copy / "en/resources/publications/open-report/index.html").is_file()
    assert (copy / f"documents/{open_file.pk}").is_dir()
    assert b"Board minutes" not in held
    assert not (copy / f"documents/{secret_file.pk}").exists()
    pages = b"".join(path.read_bytes() for path in copy.rglob("*.html"))
    assert b"/admin/" not in pages and b"/accounts/" not in pages
    assert b"Disallow: /admin/" in (copy / "robots.txt").read_bytes()  # the live robots.txt


def test_a_page_removed_from_the_live_site_leaves_the_next_build_and_nothing_else_moves(
    seeded, copy
):
    page = StandardPageFactory(parent=seeded, title="Old campaign", slug="old-campaign")
    first = build_mirror(copy, PUBLIC_URL)
    assert (copy / "fr/old-campaign/index.html").is_file()
    mtimes = {p: p.stat().st_mtime_ns for p in copy.rglob("*") if p.is_file()}

    again = build_mirror(copy, PUBLIC_URL)
    assert (again.written, again.deleted) == (0, 0) and first.written > 0
    assert {p: p.stat().st_mtime_ns for p in copy.rglob("*") if p.is_file()} == mtimes

    page.unpublish()
    after = build_mirror(copy, PUBLIC_URL)
    assert not (copy / "en/old-campaign").exists()
    assert not (copy / "fr/old-campaign").exists()
    assert after.deleted == 4  # the page in the four languages' trees
    assert b"Old campaign" not in everything(copy)  # no list or menu names it any more


def test_an_unchanged_page_keeps_the_date_it_last_changed_in_later_builds(seeded, copy):
    build_mirror(copy, PUBLIC_URL, today=datetime.date(2026, 1, 5))
    contents = copy / "en/mirror-contents.html"
    before = contents.read_bytes()

    build_mirror(copy, PUBLIC_URL, today=datetime.date(2026, 3, 9))
    assert contents.read_bytes() == before

    StandardPageFactory(parent=seeded, title="New statement", slug="new-statement")
    build_mirror(copy, PUBLIC_URL, today=datetime.date(2026, 3, 9))
    assert b'datetime="2026-03-09"' in contents.read_bytes()  # its list changed
    assert b'datetime="2026-03-09"' not in before


def test_a_non_empty_folder_that_is_no_mirror_is_left_alone(seeded, copy):
    copy.mkdir()
    (copy / "notes.txt").write_text("mine")
    with pytest.raises(ValueError, match="holds no mirror"):
        build_mirror(copy, PUBLIC_URL)
    assert (copy / "notes.txt").read_text() == "mine"


def test_the_build_neither_reads_nor_fills_the_live_page_cache(seeded, copy, client):
    build_mirror(copy, PUBLIC_URL)
    live = client.get("/en/about/")
    assert live["X-Page-Cache"] == "miss"  # the build stored nothing
    assert client.get("/en/about/")["X-Page-Cache"] == "hit"  # control: visitors fill it
    assert b"mirror-notice" not in live.content
    assert b"mirror-notice" in (copy / "en/about/index.html").read_bytes()


def test_the_onion_address_is_sent_on_fresh_pages_and_cache_hits(seeded, client):
    assert "Onion-Location" not in client.get("/en/")  # none set: none sent
    settings = MirrorSettings.for_site(Site.objects.get(is_default_site=True))
    settings.onion_address = "http://inpudexampleonion.onion/"
    settings.save()

    fresh = client.get("/en/about/")
    cached = client.get("/en/about/")

    assert fresh["X-Page-Cache"] == "miss" and cached["X-Page-Cache"] == "hit"
    assert fresh["Onion-Location"] == "http://inpudexampleonion.onion/en/about/"
    assert cached["Onion-Location"] == "http://inpudexampleonion.onion/en/about/"


def test_only_public_mirrors_are_shown_in_the_footer_and_on_the_blocked_page(
    seeded, client, settings
):
    settings.MIRROR_PUBLIC_KEY = "RWQexamplepublickeyforthetest"
    mirrors = MirrorSettings.for_site(Site.objects.get(is_default_site=True))
    mirrors.mirrors = [
        ("mirror", {"url": "https://public-copy.example/", "public": True}),
        ("mirror", {"url": "https://quiet-copy.example/", "public": False}),
    ]
    mirrors.save()

    blocked = client.get("/ru/if-blocked/").content.decode()
    home = client.get("/fr/").content.decode()

    assert "https://public-copy.example/" in blocked and "https://public-copy.example/" in home
    assert "quiet-copy" not in blocked and "quiet-copy" not in home
    assert "Если этот сайт заблокирован" in blocked
    assert 'href="/fr/if-blocked/"' in home
    assert "RWQexamplepublickeyforthetest" in blocked  # the key that verifies a copy


def test_list_pages_superseded_files_and_links_out_of_the_copy(seeded, copy):
    library = DocumentLibraryPage.objects.get(locale__language_code="en")
    library.per_page = 5
    library.save_revision().publish()
    series = PublicationSeriesFactory(title="Annual report", key="annual-report")
    old = PublicationFactory(title="Annual report 2023", series=series, is_current_version=True)
    new = PublicationFactory(title="Annual report 2024", series=series, is_current_version=True)
    old.refresh_from_db()
    assert not old.is_current_version and new.is_current_version
    for number in range(9):  # with the seed's two: 13 publications, three list pages
        PublicationFactory(title=f"Report {number}")
    StandardPageFactory(
        parent=seeded,
        title="Links page",
        slug="links-page",
        intro='<p><a href="/admin/pages/">Admin</a> <a href="/en/search/?q=drugs">Search</a> '
        '<a href="/en/about/">About</a> <a href="https://example.org/">Elsewhere</a></p>',
    )

    build_mirror(copy, PUBLIC_URL)

    listing = copy / "en/resources"
    assert (listing / "page-2.html").is_file() and (listing / "page-3.html").is_file()
    second = (listing / "page-2.html").read_text()
    assert re.findall(r'<a rel="(?:prev|next)" href="([^"]*)">', second) == [
        "index.html",
        "page-3.html",
    ]
    assert not (listing / "page-1.html").exists()
    for publication in (old, new):
        document = LibraryDocument.objects.get(publication_files__publication=publication)
        assert (copy / "documents" / str(document.pk)).is_dir(), publication.title
    links = (copy / "en/links-page/index.html").read_text()
    assert 'href="../about/index.html"' in links  # control: a page of the copy, relative
    assert 'href="https://example.org/"' in links  # another site, as written
    assert "/admin/" not in links and "search/" not in links
    assert "<a>Admin</a>" in links and "<a>Search</a>" in links  # text kept, link removed


def test_the_photos_pages_show_are_copied_as_the_live_site_serves_them(seeded, copy, client):
    PersonFactory(name="Pictured Person", photo=image_from_bytes(phone_photo_jpeg(600, 400)))
    live = client.get("/en/about/governance/").content.decode()
    source = re.search(r'<img[^>]*src="(/media/[^"]+)"', live).group(1)

    build_mirror(copy, PUBLIC_URL)

    page = (copy / "en/about/governance/index.html").read_text()
    relative = re.search(r'<img[^>]*src="([^"]+)"', page).group(1)
    assert relative == "../../.." + source  # three folders up: the copy's root
    held = (copy / "en/about/governance" / relative).resolve()
    assert held.read_bytes() == b"".join(client.get(source).streaming_content)


def test_photos_in_object_storage_are_read_from_the_storage_into_the_copy(
    seeded, copy, client, settings
):
    # Media on another host, as with a bucket: pages name the storage's own address.
    settings.MEDIA_URL = "https://bucket.inpud.example/media/"
    PersonFactory(name="Pictured Person", photo=image_from_bytes(phone_photo_jpeg(600, 400)))
    live = client.get("/en/about/governance/").content.decode()
    source = re.search(r'<img[^>]*src="(https://bucket\.inpud\.example/media/[^"]+)"', live)
    name = source.group(1).removeprefix(settings.MEDIA_URL)

    build_mirror(copy, PUBLIC_URL)

    page = (copy / "en/about/governance/index.html").read_text()
    assert "bucket.inpud.example" not in page
    relative = re.search(r'<img[^>]*src="([^"]+)"', page).group(1)
    assert relative == f"../../../media/{name}"
    with default_storage.open(name, "rb") as stored:
        assert (copy / "media" / name).read_bytes() == stored.read()
