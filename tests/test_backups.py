"""Backups proven by restoring (`manage.py backup` / `restore`, hosting/backups.py): on
whichever database the suite runs on, SQLite or PostgreSQL (.ci/run runs both)."""

import fcntl
import gzip
import io
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pyrage
import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from PIL import Image

from documents.models import Publication
from hosting.backups import BackupError, copy_sqlite
from tests.browser import wait_for_requests_in_flight
from tests.factories import DocumentLibraryPageFactory, PublicationFactory, image_from_bytes

PROJECT = Path(__file__).resolve().parent.parent
# Serialized rollback, as every transactional test here: each puts back what migrations made
# (with their ids) before it runs, whichever ran before it.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def content_types_remembered_after_a_restore():
    """A restore forgets the content type ids Django remembers (they may differ in the
    archive); the next test's serialized rollback builds Wagtail's workflow tasks, whose
    __init__ asks for theirs, and would create them again in the emptied database."""
    yield
    ContentType.objects.get_for_models(*apps.get_models())


@pytest.fixture(autouse=True)
def live_server_idle():
    """The browser tests' live server (if this worker started one) uses the same test
    database: nothing it still answers may hold it while the backup reads it."""
    wait_for_requests_in_flight()


@pytest.fixture
def site(about_tree, media_root, settings, tmp_path):
    settings.SERVER_LOCK_FILE = str(tmp_path / "server.lock")
    settings.BACKUP_DIR = str(tmp_path / "backups")
    settings.BACKUP_AGE_RECIPIENT = ""
    DocumentLibraryPageFactory(parent=about_tree["home"])
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(picture, "PNG")
    image = image_from_bytes(picture.getvalue(), title="Outreach van")
    publication = PublicationFactory(title="Drug checking in Europe", languages=["en"])
    return {"publication": publication, "image": image, "tmp": tmp_path}


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def served(client, publication, image):
    """What visitors get: the publication's page, its PDF and the image, as bytes."""
    page = client.get(f"/en/resources/publications/{publication.slug}/")
    pdf = client.get(publication.files.first().document.url)
    picture = client.get(image.file.url)
    return (
        page.status_code,
        body(page),
        pdf.status_code,
        body(pdf),
        picture.status_code,
        body(picture),
    )


def the_backup(folder):
    (archive,) = Path(folder).iterdir()
    return archive


def test_restore_drill_brings_back_a_deleted_publication_its_pdf_and_an_image(client, site):
    publication, image = site["publication"], site["image"]
    before = served(client, publication, image)
    assert (before[0], before[2], before[4]) == (200, 200, 200)
    assert before[3].startswith(b"%PDF-") and before[5].startswith(b"\x89PNG")
    pdf_url, image_url, slug = (
        publication.files.first().document.url,
        image.file.url,
        publication.slug,
    )

    call_command("backup")
    archive = the_backup(site["tmp"] / "backups")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert archive.name.startswith("inpud-backup-") and archive.name.endswith(".tar.gz")

    document = publication.files.first().document
    publication.delete()
    document.delete()
    image.delete()
    assert client.get(f"/en/resources/publications/{slug}/").status_code == 404
    assert client.get(pdf_url).status_code == 404
    assert client.get(image_url).status_code == 404

    call_command("restore", str(archive), "--yes")

    restored = Publication.objects.get(slug=slug)
    assert restored.title == "Drug checking in Europe"
    after = served(client, restored, type(image).objects.get(title="Outreach van"))
    assert after == before  # the page, the PDF and the image, byte for byte


def test_restore_refuses_while_the_web_server_runs(site):
    call_command("backup")
    archive = the_backup(site["tmp"] / "backups")
    Publication.objects.all().delete()

    with open(site["tmp"] / "server.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as inpud/serve.py holds it while serving
        with pytest.raises(CommandError, match="The site is running"):
            call_command("restore", str(archive), "--yes")
    assert not Publication.objects.exists()

    call_command("restore", str(archive), "--yes")  # positive control: the server stopped
    assert Publication.objects.filter(slug=site["publication"].slug).exists()


def test_restore_asks_before_overwriting_and_a_no_keeps_the_site(site, monkeypatch):
    call_command("backup")
    archive = the_backup(site["tmp"] / "backups")
    PublicationFactory(title="Written after the backup")

    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    with pytest.raises(CommandError, match="Nothing restored"):
        call_command("restore", str(archive))
    assert Publication.objects.filter(title="Written after the backup").exists()

    monkeypatch.setattr("builtins.input", lambda prompt: "y")  # positive control
    call_command("restore", str(archive))
    assert not Publication.objects.filter(title="Written after the backup").exists()


def test_an_encrypted_backup_needs_its_secret_key_to_restore(site, settings):
    identity = pyrage.x25519.Identity.generate()
    settings.BACKUP_AGE_RECIPIENT = str(identity.to_public())
    key_file = site["tmp"] / "backup-key.txt"
    key_file.write_text(str(identity) + "\n")

    call_command("backup")
    archive = the_backup(site["tmp"] / "backups")
    assert archive.name.endswith(".tar.gz.age")
    assert archive.read_bytes().startswith(b"age-encryption.org/v1")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with pytest.raises(gzip.BadGzipFile):
        gzip.decompress(archive.read_bytes())  # nothing readable without the key
    Publication.objects.all().delete()

    with pytest.raises(CommandError, match="encrypted"):
        call_command("restore", str(archive), "--yes")
    call_command("restore", str(archive), "--yes", "--identity", str(key_file))
    assert Publication.objects.filter(slug=site["publication"].slug).exists()


def test_a_file_that_is_not_a_backup_is_refused_with_a_message(site):
    bogus = site["tmp"] / "holiday.tar.gz"
    bogus.write_bytes(b"not an archive")

    with pytest.raises(CommandError, match="not a backup of this site"):
        call_command("restore", str(bogus), "--yes")
    assert Publication.objects.exists()


def test_make_backup_writes_one_archive_readable_by_its_owner_only(tmp_path):
    import sqlite3

    sqlite3.connect(tmp_path / "db.sqlite3").execute("CREATE TABLE t (x)").connection.commit()
    (tmp_path / "media" / "images").mkdir(parents=True)
    (tmp_path / "media" / "images" / "a.png").write_bytes(b"png")
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "BACKUP_DIR": str(tmp_path / "backups"),
        "DJANGO_SETTINGS_MODULE": "inpud.settings",
    }
    result = subprocess.run(
        ["make", "--no-print-directory", "backup", f"PYTHON={sys.executable}"],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    archive = the_backup(tmp_path / "backups")
    assert "Backup written" in result.stdout
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "backups").stat().st_mode) == 0o700


def test_a_sqlite_backup_gives_up_on_a_database_kept_locked_and_copies_it_once_free(tmp_path):
    database = tmp_path / "site.sqlite3"
    with sqlite3.connect(database) as setup:
        setup.execute("CREATE TABLE page (title TEXT)")
        setup.execute("INSERT INTO page VALUES ('Our aims')")
    source = sqlite3.connect(database)
    writer = sqlite3.connect(database, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")  # another process in the middle of a long write
    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    with pytest.raises(BackupError, match="stayed locked for 0.3 s"):
        copy_sqlite(source, copy, wait_seconds=0.3)
    writer.execute("ROLLBACK")

    copy_sqlite(source, copy, wait_seconds=0.3)
    assert copy.execute("SELECT title FROM page").fetchall() == [("Our aims",)]
    for each in (source, writer, copy):
        each.close()
