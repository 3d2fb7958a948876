"""The production start path (bin/start-production: the Docker image's CMD and `make serve`)
run for real: waitress, DEBUG off, whitenoise, on a fresh SQLite database over loopback."""

import io
import os
import socket
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from harness import servers
from harness.servers import fetch

PROJECT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def production_folder(tmp_path_factory):
    """Where the production server keeps its database, uploads and page cache."""
    return tmp_path_factory.mktemp("production")


@pytest.fixture(scope="module")
def production_server(production_folder):
    with servers.production_server(production_folder) as base:
        yield base


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


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


def test_production_answers_trace_with_405_on_pages_static_files_and_health(production_server):
    _, _, home = fetch(f"{production_server}/en/")
    css_path = home.split(b'rel="stylesheet" href="')[1].split(b'"')[0].decode()

    for path in ["/en/", css_path, "/healthz", "/robots.txt"]:
        status, headers, body = fetch(f"{production_server}{path}", method="TRACE")
        assert (status, headers["Allow"], body) == (405, "GET, HEAD, POST", b""), path
        assert fetch(f"{production_server}{path}")[0] == 200, path  # positive control


def test_the_web_server_refuses_to_start_with_debug_on(tmp_path):
    env = {
        **os.environ,
        "DEBUG": "1",
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    result = subprocess.run(
        [sys.executable, "-m", "inpud.serve"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "Refusing to serve in production mode with DEBUG on" in result.stderr + result.stdout


def test_production_keeps_the_database_uploads_and_page_cache_owner_only(
    production_server, production_folder
):
    editor = servers.AdminSession(production_server)
    editor.login(*servers.create_superuser(servers.production_env(production_folder, 0)))
    editor.request("/admin/images/add/")
    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "purple").save(picture, "PNG")
    status, headers, _ = editor.request(
        "/admin/images/add/",
        {
            "csrfmiddlewaretoken": editor.cookies["csrftoken"],
            "title": "Meeting room",
            "description": "An empty meeting room",
        },
        files={"file": ("meeting-room.png", picture.getvalue(), "image/png")},
    )
    assert status == 302, headers
    with sqlite3.connect(production_folder / "db.sqlite3") as db:
        (stored,) = db.execute(
            "SELECT file FROM wagtailimages_image WHERE title = ?", ("Meeting room",)
        ).fetchone()
    fetch(f"{production_server}/en/")
    fetch(f"{production_server}/en/")  # the second visit is served from the page cache

    database_files = sorted(production_folder.glob("db.sqlite3*"))
    media = production_folder / "media"
    cache_files = [path for path in (production_folder / "cache").rglob("*") if path.is_file()]
    assert database_files and cache_files
    for path in [*database_files, media / stored, *cache_files]:
        assert mode(path) == 0o600, path
    for folder in [media, (media / stored).parent, production_folder / "cache"]:
        assert mode(folder) == 0o700, folder
    # Positive control: the server still reads what it wrote.
    status, headers, body = fetch(f"{production_server}/media/{stored}")
    assert (status, headers["Content-Type"]) == (200, "image/png")
    assert Image.open(io.BytesIO(body)).size == (8, 8)


def test_static_files_stay_readable_by_a_front_server(production_folder, production_server):
    css = next((production_folder / "static" / "css").glob("site.*.css"))

    assert mode(css) & 0o044 == 0o044


def test_the_static_manifest_is_not_served_nor_in_the_served_folder(
    production_folder, production_server
):
    for path in ["/static/staticfiles.json", "/static/static-manifest.json"]:
        assert fetch(f"{production_server}{path}")[0] == 404, path

    assert not (production_folder / "static" / "staticfiles.json").exists()
    assert "css/site.css" in (production_folder / "static-manifest.json").read_text()
    # Positive control: fingerprinted files are served (the manifest is still read).
    _, _, home = fetch(f"{production_server}/en/")
    css_path = home.split(b'rel="stylesheet" href="')[1].split(b'"')[0].decode()
    assert css_path != "/static/css/site.css"
    assert fetch(f"{production_server}{css_path}")[0] == 200


def test_the_makefiles_secret_key_is_readable_by_its_owner_only(tmp_path):
    result = subprocess.run(
        ["make", "-f", str(PROJECT / "Makefile"), "-C", str(tmp_path), ".secret_key",
         f"PYTHON={sys.executable}"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    key = tmp_path / ".secret_key"
    assert len(key.read_text().strip()) >= 50
    assert mode(key) == 0o600


def raw_request(base, head, body=b"", timeout=10):
    """Send a request's head (and maybe part of a body) on a socket; the first response line."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        sock.sendall(head.encode() + body)
        return sock.makefile("rb").readline().decode()


def test_an_oversized_upload_gets_413_from_its_content_length_before_any_body_is_sent(
    production_server,
):
    too_large = 50 * 1024 * 1024 + 1  # MAX_UPLOAD_MB's default, plus one byte
    head = "POST /admin/documents/add/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {}\r\n\r\n"

    started = time.monotonic()
    refused = raw_request(production_server, head.format(too_large))
    assert refused.startswith("HTTP/1.1 413"), refused
    assert time.monotonic() - started < 5  # answered without waiting for a body
    # Positive control: a body within the limit reaches the site (which asks for a login).
    accepted = raw_request(production_server, head.format(4), b"a=bc")
    assert accepted.split()[1] in {"302", "403"}, accepted


def test_the_access_log_has_one_line_per_request_and_no_visitor_address(
    production_server, production_folder
):
    fetch(f"{production_server}/en/?access-log-check=1")

    log = (production_folder / "server.log").read_text()
    lines = [line for line in log.splitlines() if "access-log-check=1" in line]
    assert len(lines) == 1, lines
    assert lines[0].startswith("- [") and '"GET /en/?access-log-check=1 HTTP/1.1" 200' in lines[0]
    assert "127.0.0.1" not in lines[0]


def test_the_proxys_forwarded_headers_reach_the_site(production_server):
    """waitress drops X-Forwarded-* by default; the site reads them itself (settings)."""
    status, headers, _ = fetch(f"{production_server}/en/", {"X-Forwarded-Proto": "https"})

    assert status == 200
    assert "max-age=31536000" in headers.get("Strict-Transport-Security", "")
    assert "Strict-Transport-Security" not in fetch(f"{production_server}/en/")[1]  # control
