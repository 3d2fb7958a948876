"""compose.yaml and the image's start path: what a deploy relies on."""

import fnmatch
import subprocess
from pathlib import Path

import pytest
import yaml

PROJECT = Path(__file__).resolve().parents[2]


def test_compose_runs_the_image_with_postgresql_and_redis():
    compose = yaml.safe_load((PROJECT / "compose.yaml").read_text())
    app = compose["services"]["app"]

    assert set(compose["services"]) == {"proxy", "static", "app", "db", "redis"}
    assert app["build"] == "."
    assert app["environment"]["DEBUG"] == "0"
    assert app["environment"]["DATABASE_URL"].startswith("postgres://inpud:")
    assert app["environment"]["REDIS_URL"] == "redis://redis:6379/0"
    assert app["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }
    # Secrets come from the environment; none is written in the file.
    assert "${SECRET_KEY:?" in app["environment"]["SECRET_KEY"]
    assert "healthcheck" in compose["services"]["db"]


def test_the_image_and_make_serve_share_one_start_path():
    dockerfile = (PROJECT / "Dockerfile").read_text()
    makefile = (PROJECT / "Makefile").read_text()
    start = (PROJECT / "bin" / "start-production").read_text()

    assert 'CMD ["bin/start-production"]' in dockerfile
    assert "bin/start-production" in makefile
    assert "manage.py prepare_database" in start
    assert "exec python -m inpud.serve" in start


def test_the_image_keeps_its_sqlite_database_on_the_data_volume_it_can_write():
    """The image's non-root user cannot write /app: SQLite's default database, and the
    -wal and -shm files next to it, live on the /data volume with the media."""
    dockerfile = (PROJECT / "Dockerfile").read_text()

    assert "DATABASE_URL=sqlite:////data/db.sqlite3" in dockerfile
    assert 'VOLUME ["/data"]' in dockerfile
    assert "chown -R inpud:inpud /data" in dockerfile
    assert dockerfile.index("chown -R inpud:inpud /data") < dockerfile.index("USER 10001")


@pytest.mark.parametrize("name", ["db.sqlite3", "db.sqlite3-wal", "db.sqlite3-shm"])
def test_the_database_files_stay_out_of_git_and_the_image(name):
    ignored = subprocess.run(["git", "check-ignore", "-q", name], cwd=PROJECT, timeout=30)
    docker_patterns = (PROJECT / ".dockerignore").read_text().split()

    assert ignored.returncode == 0, f"git would commit {name}"
    assert any(fnmatch.fnmatchcase(name, pattern) for pattern in docker_patterns), name


def test_a_source_file_is_not_ignored():
    """The control: the ignore files do not hide what the image needs."""
    kept = subprocess.run(["git", "check-ignore", "-q", "manage.py"], cwd=PROJECT, timeout=30)
    docker_patterns = (PROJECT / ".dockerignore").read_text().split()

    assert kept.returncode == 1
    assert not any(fnmatch.fnmatchcase("manage.py", pattern) for pattern in docker_patterns)
