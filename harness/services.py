"""Real services for the production tests, on loopback: a database of their own on the
machine's PostgreSQL, a throwaway PostgreSQL cluster that may be stopped, Redis, and an
S3-compatible server (moto). Each helper stops only what it started, by PID."""

import contextlib
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import psycopg

from harness import servers

POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
REDIS_HOST, REDIS_PORT = "127.0.0.1", int(os.environ.get("TEST_REDIS_PORT", "6379"))


def postgres_available() -> bool:
    try:
        with psycopg.connect(POSTGRES_ADMIN_URL, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def redis_available() -> bool:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@contextlib.contextmanager
def postgres_database(template=None):
    """A new database on the machine's PostgreSQL, empty or a copy of the database
    `template`; its URL; dropped afterwards."""
    name = f"inpud_test_{uuid.uuid4().hex[:10]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"{copy}')
    try:
        yield postgres_url(name)
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_url(name):
    """The URL of the database `name` on the machine's PostgreSQL, as the site reads it."""
    admin_url = psycopg.conninfo.conninfo_to_dict(POSTGRES_ADMIN_URL)
    password = admin_url.get("password") or os.environ.get("PGPASSWORD", "")
    credentials = f"{admin_url.get('user', 'postgres')}:{password}" if password else "postgres"
    return f"postgres://{credentials}@{admin_url['host']}:{admin_url.get('port', 5432)}/{name}"


def seeded_template_name():
    """The test run's seeded PostgreSQL database, named after its shared folder."""
    digest = hashlib.sha1(str(servers.session_folder()).encode()).hexdigest()[:12]  # noqa: S324
    return f"inpud_seed_{digest}"


@contextlib.contextmanager
def seeded_postgres_site(folder: Path):
    """A production server's site on the machine's PostgreSQL, as the start path leaves it
    (migrations, first content): a copy of a database brought up once per test run, with
    the media its content uploaded copied into folder/media. Its URL; dropped afterwards.
    Bringing a new PostgreSQL database up took a start half a minute."""
    template = seeded_template_name()

    def create_template():
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{template}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{template}"')

    seeded = servers.made_once(
        "seeded-postgres",
        ["prepare_database", "-v0"],
        timeout=300,
        before=create_template,
        DATABASE_URL=postgres_url(template),
    )
    folder.mkdir(parents=True, exist_ok=True)
    if (seeded / "media").exists():
        shutil.copytree(seeded / "media", folder / "media")
    with postgres_database(template=template) as url:
        yield url


def drop_seeded_template():
    """At the end of a test run: its seeded PostgreSQL database, if one was made."""
    if (servers.session_folder() / "seeded-postgres").exists():
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{seeded_template_name()}" WITH (FORCE)')


def postgres_bin_dir() -> Path | None:
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return candidates[-1].parent if candidates else None


def throwaway_cluster_possible() -> bool:
    return (
        postgres_bin_dir() is not None and os.geteuid() == 0 and shutil.which("runuser") is not None
    )


class ThrowawayCluster:
    """A PostgreSQL cluster of its own (stack-facts section 5), on its own port, which a
    test may stop and start again. Never the machine's shared cluster."""

    def __init__(self):
        # Its own folder in /tmp, owned by postgres: a test's tmp_path is root's alone.
        self.folder = Path(tempfile.mkdtemp(prefix="inpud-pg-"))
        self.data = self.folder / "data"
        self.port = servers.free_port()
        self.bin = postgres_bin_dir()

    def _as_postgres(self, *command, timeout=60):
        result = subprocess.run(
            ["runuser", "-u", "postgres", "--", *command],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode:
            raise RuntimeError(f"{command[0]} failed: {result.stdout}{result.stderr}")

    def create(self, database="inpud"):
        shutil.chown(self.folder, "postgres", "postgres")
        self.folder.chmod(0o700)
        self._as_postgres(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--locale=C.UTF-8",
        )  # fmt: skip
        self.start()
        self._as_postgres(
            str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres",
            database,
        )  # fmt: skip
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self):
        self._as_postgres(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "server.log"),
            "-w", "-t", "60", "-o",
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off",
            "start",
        )  # fmt: skip

    def stop(self):
        self._as_postgres(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop"
        )  # fmt: skip

    def destroy(self):
        with contextlib.suppress(RuntimeError):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def moto_available() -> bool:
    return shutil.which("moto_server", path=str(Path(sys.executable).parent)) is not None


@contextlib.contextmanager
def moto_s3_server(bucket="inpud-media"):
    """moto's S3-compatible server on loopback with one private bucket; yields its URL."""
    import boto3

    port = servers.free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("moto_server did not start")
            time.sleep(0.2)
        s3 = boto3.client(
            "s3", endpoint_url=url, region_name="us-east-1",
            aws_access_key_id="test", aws_secret_access_key="test",
        )  # fmt: skip
        s3.create_bucket(Bucket=bucket)
        yield url, s3
    finally:
        server.terminate()
        server.wait(timeout=20)
