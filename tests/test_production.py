"""The production start path (bin/start-production: the Docker image's CMD and `make serve`)
run for real: gunicorn, DEBUG off, whitenoise, on a fresh SQLite database over loopback."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import servers
from tests.servers import fetch

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    with servers.production_server(tmp_path_factory.mktemp("production")) as base:
        yield base


def test_production_serves_the_seeded_home_page_with_debug_off(production_server):
    status, headers, body = fetch(f"{production_server}/en/")

    assert status == 200
    assert b"International Network of People who Use Drugs" in body
    assert "Set-Cookie" not in headers


def test_production_404_is_the_friendly_page_not_a_debug_page(production_server):
    status, _, body = fetch(f"{production_server}/en/no-such-page/")

    assert status == 404
    assert b"Page not found" in body
    assert b"Django tried these URL patterns" not in body


def test_production_serves_fingerprinted_compressed_css_cached_for_a_year(production_server):
    _, _, home = fetch(f"{production_server}/en/")
    css_path = home.split(b'rel="stylesheet" href="')[1].split(b'"')[0].decode()

    status, headers, _ = fetch(f"{production_server}{css_path}", {"Accept-Encoding": "br, gzip"})

    assert status == 200
    assert css_path.startswith("/static/css/site.") and css_path != "/static/css/site.css"
    assert headers["Content-Encoding"] in {"br", "gzip"}
    assert "max-age=315360000" in headers["Cache-Control"]


def test_gunicorn_refuses_to_start_with_debug_on(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "1",
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    result = subprocess.run(
        ["gunicorn", "inpud.wsgi:application", "--config", "inpud/gunicorn.conf.py"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "Refusing to serve in production mode with DEBUG on" in result.stderr + result.stdout
