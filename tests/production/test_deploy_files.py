"""compose.yaml and the image's start path: what a deploy relies on."""

from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[2]


def test_compose_runs_the_image_with_postgresql_and_redis():
    compose = yaml.safe_load((PROJECT / "compose.yaml").read_text())
    app = compose["services"]["app"]

    assert set(compose["services"]) == {"app", "db", "redis"}
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
    assert "exec gunicorn" in start
