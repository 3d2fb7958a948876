"""Errors reach the maintainers through SENTRY_DSN, and nothing that identifies a visitor
goes with them: checked against a fake Sentry on loopback that keeps every envelope."""

import gzip
import json
import logging
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import brotli
import pytest
import sentry_sdk
from django.core.wsgi import get_wsgi_application
from werkzeug.test import Client as WerkzeugClient

from harness.servers import PROJECT, subprocess_env
from hosting import error_reports
from hosting.log_format import OneLineFormatter

pytestmark = pytest.mark.django_db

SECRET_QUERY = "how-to-inject-safely"
VISITOR_IP = "203.0.113.77"


class FakeSentry(BaseHTTPRequestHandler):
    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "br":
            body = brotli.decompress(body)
        FakeSentry.received.append(body)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_sentry():
    FakeSentry.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeSentry)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://publickey@127.0.0.1:{server.server_address[1]}/1", FakeSentry.received
    server.shutdown()


@pytest.fixture
def failing_search(monkeypatch, about_tree):
    def explode(text):
        raise RuntimeError("the search index is broken")

    monkeypatch.setattr("pages.search.clean_query", explode)


def visit_the_failing_page():
    """Through the WSGI application, as waitress calls it (where the SDK hooks in)."""
    response = WerkzeugClient(get_wsgi_application()).get(
        f"/en/search/?q={SECRET_QUERY}&utm_source=newsletter",
        headers={
            "Cookie": "sessionid=visitor-session-cookie",
            "X-Forwarded-For": VISITOR_IP,
            "User-Agent": "VisitorBrowser/1.0",
        },
        environ_overrides={"REMOTE_ADDR": VISITOR_IP},
    )
    return response.status_code


def wait_for(received, seconds=10):
    deadline = time.monotonic() + seconds
    while not received and time.monotonic() < deadline:
        time.sleep(0.05)
    return b"\n".join(received)


def test_an_error_arrives_with_nothing_that_identifies_the_visitor(failing_search, fake_sentry):
    dsn, received = fake_sentry
    error_reports.configure(dsn)
    try:
        status = visit_the_failing_page()
        sentry_sdk.flush(timeout=5)
    finally:
        # The SDK inactive again for the rest of the test session.
        sentry_sdk.get_client().close()
        sentry_sdk.get_global_scope().set_client(None)

    assert status == 500
    envelope = wait_for(received)
    events = [json.loads(line) for line in envelope.splitlines() if b'"exception"' in line]
    assert len(events) == 1, envelope[:2000]
    event = events[0]
    # The error itself arrives (the positive control), with its stack trace.
    (exception,) = event["exception"]["values"]
    assert exception["type"] == "RuntimeError"
    assert exception["value"] == "the search index is broken"
    assert exception["stacktrace"]["frames"]
    assert event["request"] == {"method": "GET", "url": "http://localhost/en/search/"}
    # Nothing about the visitor, nor what they searched for.
    for secret in [VISITOR_IP, SECRET_QUERY, "visitor-session-cookie", "VisitorBrowser", "utm"]:
        assert secret.encode() not in envelope, secret
    assert "user" not in event
    assert all("vars" not in frame for frame in exception["stacktrace"]["frames"])


def test_without_sentry_dsn_nothing_leaves(failing_search, fake_sentry, settings):
    _dsn, received = fake_sentry

    assert settings.SENTRY_DSN == ""
    assert not sentry_sdk.get_client().is_active()
    assert visit_the_failing_page() == 500
    sentry_sdk.flush(timeout=1)
    assert received == []


def test_the_settings_turn_reports_on_only_with_sentry_dsn(fake_sentry):
    dsn, _ = fake_sentry
    probe = (
        "import django, sentry_sdk; django.setup(); "
        "from django.conf import settings; c = sentry_sdk.get_client(); "
        "print(c.is_active(), c.options['send_default_pii'], "
        "c.options['include_local_variables'], c.options['max_request_body_size'])"
    )
    base = {"DJANGO_SETTINGS_MODULE": "inpud.settings"}

    def run(**extra):
        result = subprocess.run(
            [sys.executable, "-c", probe],
            cwd=PROJECT, env=subprocess_env(**base, **extra), capture_output=True,
            text=True, timeout=60, check=True,
        )  # fmt: skip
        return result.stdout.split()

    assert run(SENTRY_DSN=dsn) == ["True", "False", "False", "never"]
    assert run(SENTRY_DSN="")[0] == "False"


def test_a_logged_error_is_one_line():
    try:
        raise ValueError("first line\nsecond line")
    except ValueError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s",
            ("/en/",), sys.exc_info(),
        )  # fmt: skip

    line = OneLineFormatter().format(record)

    assert "\n" not in line
    assert "Internal Server Error: /en/" in line and "ValueError: first line | second line" in line
