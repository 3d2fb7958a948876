"""A database outage gives the friendly 503 page; publishing purges the CDN."""

import http.server
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from harness.servers import subprocess_env
from tests.factories import HomePageFactory

PROJECT = Path(__file__).resolve().parents[2]

# A fresh production-mode process whose database refuses connections (port 9 on loopback).
PROBE = """
import django
django.setup()
from django.test import Client
response = Client(raise_request_exception=False).get("/en/", HTTP_HOST="127.0.0.1")
policy = response["Content-Security-Policy"]
print(response.status_code, response["Retry-After"], "default-src 'self'" in policy)
print(response.content.decode())
"""


def test_a_database_outage_gives_the_friendly_503_page_not_a_500():
    env = {
        **subprocess_env(),
        "DJANGO_SETTINGS_MODULE": "inpud.settings",
        "DEBUG": "0",
        "SECRET_KEY": "k" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/inpud",
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )

    first_line, page = result.stdout.split("\n", 1)
    assert first_line == "503 30 True"  # status, Retry-After, the site's CSP
    assert "Back soon" in page
    assert "Nothing you sent has been half-saved" in page


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    received: list = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        PurgeRecorder.received.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    PurgeRecorder.received = []
    server = http.server.HTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(timeout=10)


def test_publishing_a_page_purges_it_from_the_frontend_cache(home, settings, purge_server):
    settings.WAGTAILFRONTENDCACHE = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": purge_server,
        }
    }
    page = HomePageFactory(parent=home, title="Aims", slug="aims")
    PurgeRecorder.received.clear()

    page.title = "Our aims"
    page.save_revision().publish()

    assert "/en/aims/" in PurgeRecorder.received
