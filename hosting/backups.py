"""One archive holds the whole site: the database and the uploaded media, taken together.

Layout of `inpud-backup-<UTC time>.tar.gz` (`.age` added when encrypted):
  backup.json        what it is: format, time, database engine, whether media are inside
  database.sqlite3   SQLite, copied through its online backup API (consistent while the
                     site writes, WAL included), or
  database.pgdump    PostgreSQL, `pg_dump --format=custom` (at least the server's major
                     version: an older pg_dump refuses or writes an incomplete dump)
  media/...          MEDIA_ROOT, copied after the database, so every file the database
                     names is there (a file deleted in between is the one gap)
With object storage (AWS_STORAGE_BUCKET_NAME), media stay out: the bucket's versioning
and replication keep them (README, "Backups").
"""

import datetime
import fcntl
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path

import pyrage
from django.conf import settings
from django.db import connection

FORMAT = 1
SQLITE_NAME, POSTGRES_NAME, MANIFEST = "database.sqlite3", "database.pgdump", "backup.json"


class BackupError(Exception):
    """What went wrong, in words for the person running the command."""


def media_in_archive():
    return not settings.AWS_STORAGE_BUCKET_NAME


def _postgres_env():
    db = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or os.environ.get("PGPASSWORD", ""))}
    args = ["--dbname", db["NAME"], "--username", db.get("USER") or "postgres"]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    return env, args


def _major_version(program):
    try:
        out = subprocess.run([program, "--version"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as error:
        raise BackupError(
            f"{program} is needed (Debian: apt-get install postgresql-client)."
        ) from error
    found = re.search(r"\)\s+(\d+)", out.stdout)  # "pg_dump (PostgreSQL) 15.20 (Debian ...)"
    if not found:
        raise BackupError(f"Cannot tell {program}'s version from: {out.stdout.strip()}")
    return int(found.group(1))


def _check_client_version(program):
    connection.ensure_connection()
    server = connection.pg_version // 10000
    client = _major_version(program)
    if client < server:
        raise BackupError(
            f"{program} {client} is older than the PostgreSQL server ({server}): install "
            f"postgresql-client-{server} or newer."
        )


def copy_sqlite(source: sqlite3.Connection, target: sqlite3.Connection, wait_seconds: float):
    """SQLite's online backup of source into target, given up after wait_seconds of either
    staying locked: Python's backup() otherwise retries a locked database forever."""
    deadline = time.monotonic() + wait_seconds

    def give_up_when_late(status, remaining, total):
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) and time.monotonic() > deadline:
            raise BackupError(
                f"The database stayed locked for {wait_seconds:g} s; nothing was written. "
                "Try again when the site is less busy."
            )

    source.backup(target, pages=256, progress=give_up_when_late, sleep=0.05)


def _dump_database(folder: Path):
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / SQLITE_NAME)
        try:
            copy_sqlite(connection.connection, target, settings.BACKUP_LOCK_WAIT)
        finally:
            target.close()
        return SQLITE_NAME
    if connection.vendor == "postgresql":
        _check_client_version("pg_dump")
        env, args = _postgres_env()
        command = ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args]
        with (folder / POSTGRES_NAME).open("wb") as out:
            result = subprocess.run(command, env=env, stdout=out, stderr=subprocess.PIPE)
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.decode(errors='replace')}")
        return POSTGRES_NAME
    raise BackupError(f"Backing up a {connection.vendor} database is not supported.")


def archive_name(now=None):
    now = now or datetime.datetime.now(datetime.UTC)
    return f"inpud-backup-{now:%Y%m%dT%H%M%SZ}.tar.gz"


def create_backup(directory: Path, recipient: str = "") -> Path:
    """Write one archive into directory, readable by its owner only; encrypted to the age
    public key `recipient` when one is given. Returns its path."""
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    recipients = [_recipient(recipient)] if recipient else []
    target = directory / (archive_name() + (".age" if recipients else ""))
    with tempfile.TemporaryDirectory(dir=directory) as scratch:
        scratch = Path(scratch)
        database_file = _dump_database(scratch)
        manifest = {
            "format": FORMAT,
            "created": datetime.datetime.now(datetime.UTC).isoformat(),
            "engine": connection.vendor,
            "database": database_file,
            "media": media_in_archive(),
        }
        plain = scratch / "archive.tar.gz"
        with tarfile.open(plain, "w:gz") as tar:
            info = tarfile.TarInfo(MANIFEST)
            data = json.dumps(manifest, indent=2).encode()
            info.size, info.mode = len(data), 0o600
            tar.addfile(info, io.BytesIO(data))
            tar.add(scratch / database_file, arcname=database_file)
            media = Path(settings.MEDIA_ROOT)
            if manifest["media"] and media.is_dir():
                tar.add(media, arcname="media")
        if recipients:
            pyrage.encrypt_file(str(plain), str(target), recipients)
        else:
            plain.rename(target)
    os.chmod(target, 0o600)
    return target


def _recipient(key):
    try:
        return pyrage.x25519.Recipient.from_str(key.strip())
    except pyrage.RecipientError as error:
        raise BackupError("BACKUP_AGE_RECIPIENT is not an age public key (age1...).") from error


def server_is_running():
    """Whether a web server holds SERVER_LOCK_FILE (inpud/serve.py takes it on start)."""
    path = Path(settings.SERVER_LOCK_FILE)
    if not path.exists():
        return False
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle, fcntl.LOCK_UN)
    return False


def database_has_tables():
    return bool(connection.introspection.table_names())


def open_archive(path: Path, scratch: Path, identity_file: str = "") -> dict:
    """Unpack the archive (decrypting it with the age identity file if it is encrypted)
    into scratch; returns its manifest."""
    plain = path
    if path.suffix == ".age":
        if not identity_file:
            raise BackupError("This backup is encrypted: give --identity <age key file>.")
        try:
            text = Path(identity_file).read_text()
            identities = [
                pyrage.x25519.Identity.from_str(line.strip())
                for line in text.splitlines()
                if line.strip().startswith("AGE-SECRET-KEY-")
            ]
            plain = scratch / "archive.tar.gz"
            pyrage.decrypt_file(str(path), str(plain), identities)
        except (OSError, pyrage.IdentityError, pyrage.DecryptError) as error:
            raise BackupError(f"Cannot decrypt {path.name}: {error}") from error
    try:
        with tarfile.open(plain, "r:gz") as tar:
            tar.extractall(scratch / "content", filter="data")
        manifest = json.loads((scratch / "content" / MANIFEST).read_text())
    except (OSError, tarfile.TarError, ValueError) as error:
        raise BackupError(f"{path.name} is not a backup of this site: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path.name} has backup format {manifest.get('format')}, not {FORMAT}.")
    if manifest["engine"] != connection.vendor:
        raise BackupError(
            f"{path.name} holds a {manifest['engine']} database; "
            f"DATABASE_URL is {connection.vendor}."
        )
    return manifest


def restore_database(content: Path, manifest: dict):
    if connection.vendor == "sqlite":
        source = sqlite3.connect(content / SQLITE_NAME)
        connection.ensure_connection()
        try:
            copy_sqlite(source, connection.connection, settings.BACKUP_LOCK_WAIT)
        finally:
            source.close()
        return
    _check_client_version("pg_restore")
    with connection.cursor() as cursor:  # what the dump does not know goes too
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    env, args = _postgres_env()
    command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *args]
    result = subprocess.run(
        [*command, str(content / POSTGRES_NAME)], env=env, capture_output=True, text=True
    )
    if result.returncode:
        raise BackupError(f"pg_restore failed: {result.stderr}")


def restore_media(content: Path, manifest: dict):
    if not manifest["media"]:
        return
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True, mode=0o700)
    for child in media.iterdir():  # the media of the site being replaced
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    restored = content / "media"
    if restored.is_dir():
        shutil.copytree(restored, media, dirs_exist_ok=True)
