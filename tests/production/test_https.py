"""HTTPS behaviour of the production path: `make serve`'s settings on plain HTTP, HSTS
behind a TLS-terminating proxy, and the redirect that is on by default."""

import pytest

from harness import servers
from harness.servers import fetch


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    with servers.production_server(tmp_path_factory.mktemp("https")) as base:
        yield base


def test_make_serve_works_over_plain_http_without_hsts(served):
    status, headers, _ = fetch(f"{served}/en/")

    assert status == 200
    assert "Strict-Transport-Security" not in headers
    assert "Set-Cookie" not in headers
    assert "default-src 'self'" in headers["Content-Security-Policy"]


def test_behind_a_tls_proxy_the_site_sends_hsts(served):
    status, headers, _ = fetch(f"{served}/en/", {"X-Forwarded-Proto": "https"})

    assert status == 200
    assert headers["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


def test_by_default_production_redirects_http_to_https(tmp_path):
    # The default, without make serve's SECURE_SSL_REDIRECT=0: checked through /healthz,
    # which answers before the redirect, then a page, which is redirected.
    with servers.production_server(tmp_path, SECURE_SSL_REDIRECT="1") as base:
        status, headers, _ = servers.AdminSession(base).request("/en/")

    assert status == 301
    assert headers["Location"].startswith("https://127.0.0.1")
