"""Several app servers need nothing but the environment: two production servers
(bin/start-production, waitress) share one PostgreSQL database and one Redis cache."""

import contextlib
import os
import subprocess
import sys

import psycopg
import pytest
import redis

from harness import servers
from harness.services import (
    postgres_available,
    postgres_database,
    redis_available,
    seeded_postgres_site,
)
from tests.conftest import require

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/7")


@pytest.fixture
def shared_cache():
    require(postgres_available(), "PostgreSQL at 127.0.0.1:5432 (TEST_POSTGRES_URL)")
    require(redis_available(), "Redis at 127.0.0.1:6379")
    yield
    cache = redis.Redis.from_url(REDIS_URL)
    for key in cache.scan_iter("inpud:*", count=1000):
        cache.delete(key)


@pytest.fixture
def seeded_database(shared_cache, tmp_path):
    """A copy of the test run's seeded site, as a first start would have left it."""
    with seeded_postgres_site(tmp_path / "a") as database_url:
        yield database_url


@pytest.fixture
def empty_database(shared_cache):
    with postgres_database() as database_url:
        yield database_url


def test_an_edit_published_through_one_server_is_seen_at_once_through_the_other(
    seeded_database, tmp_path
):
    env = {"DATABASE_URL": seeded_database, "REDIS_URL": REDIS_URL, "CONN_MAX_AGE": "60"}
    with contextlib.ExitStack() as stack:
        first = stack.enter_context(servers.production_server(tmp_path / "a", **env))
        second = stack.enter_context(servers.production_server(tmp_path / "b", **env))
        username, password = servers.create_superuser(
            servers.production_env(tmp_path / "a", 0, **env)
        )
        with psycopg.connect(seeded_database.replace("postgres://", "postgresql://")) as db:
            home_id = db.execute(
                "SELECT id FROM wagtailcore_page WHERE depth = 2 AND slug = 'home'"
            ).fetchone()[0]
        assert b"Published by the first server" not in servers.fetch(f"{second}/en/")[2]

        editor = servers.AdminSession(first)
        editor.login(username, password)
        status, headers, _ = editor.submit(
            f"/admin/pages/{home_id}/edit/",
            f"/admin/pages/{home_id}/edit/",
            {"title": "Published by the first server"},
            extra={"action-publish": "action-publish"},
        )

        assert status == 302, headers
        status, _, body = servers.fetch(f"{second}/en/")
        assert status == 200
        assert b"<h1>Published by the first server</h1>" in body
        # Both servers use the one shared cache (Wagtail keeps the site's root paths there).
        assert list(redis.Redis.from_url(REDIS_URL).scan_iter("inpud:*wagtail_site_root_paths"))


def test_several_servers_starting_at_once_migrate_once(empty_database, tmp_path):
    env = servers.production_env(tmp_path, 0, DATABASE_URL=empty_database)
    starts = [
        subprocess.Popen(
            [sys.executable, "manage.py", "prepare_database"],
            cwd=servers.PROJECT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [start.communicate(timeout=300)[0] for start in starts]

    assert [start.returncode for start in starts] == [0, 0, 0], outputs
    assert sum("Applying wagtailcore" in output for output in outputs) == 1, outputs
    assert sum("No migrations to apply" in output for output in outputs) == 2, outputs
    with psycopg.connect(empty_database.replace("postgres://", "postgresql://")) as db:
        assert db.execute("SELECT count(*) FROM pages_homepage").fetchone()[0] == 1
        assert db.execute("SELECT count(*) FROM wagtailredirects_redirect").fetchone()[0] == 7
