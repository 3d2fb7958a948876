"""Security headers on public and admin pages, and no cookies for visitors."""

import subprocess
import sys
from pathlib import Path

import pytest

from harness.servers import subprocess_env

PROJECT = Path(__file__).resolve().parents[2]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def assert_common_security_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("path", ["/en/", "/en/no-such-page/", "/robots.txt", "/sitemap-en.xml"])
def test_public_responses_carry_a_strict_csp_and_the_security_headers(client, home, path):
    response = client.get(path)

    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "unsafe" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert_common_security_headers(response)


@pytest.mark.parametrize("path", ["/en/", "/en/no-such-page/", "/robots.txt", "/sitemap.xml"])
def test_public_pages_set_no_cookie(client, home, path):
    response = client.get(path)

    assert response.cookies == {}
    assert "Set-Cookie" not in response


@pytest.mark.django_db
def test_admin_has_its_own_policy_without_eval_or_inline_script(client, admin_user):
    client.force_login(admin_user)

    for path in ["/admin/login/", "/admin/", "/admin/pages/"]:
        response = client.get(path, follow=path == "/admin/login/")
        policy = directives(response)
        assert policy["default-src"] == ["'self'"]
        assert policy["script-src"] == ["'self'"]
        assert "'unsafe-eval'" not in response["Content-Security-Policy"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert_common_security_headers(response)


def run_manage(*args, **env_vars):
    env = {k: v for k, v in subprocess_env().items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(env_vars, DJANGO_SETTINGS_MODULE="inpud.settings")
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_only_debug_secret_key_hosts_and_base_url():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="0", SECRET_KEY="s" * 20 + "-Kq8#x1!" * 6, ALLOWED_HOSTS="www.inpud.net",
        WAGTAILADMIN_BASE_URL="https://www.inpud.net",
    )  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)" in result.stdout


# Headers that legitimately differ between a fresh render and a page from the cache.
CACHE_BOOKKEEPING = {"X-Page-Cache"}


@pytest.mark.parametrize("secure", [False, True])
def test_a_page_from_the_cache_carries_exactly_the_headers_of_a_fresh_render(
    client, about_tree, secure, settings
):
    settings.SECURE_HSTS_SECONDS = 31_536_000  # as in production: sent over HTTPS only
    fresh = client.get("/en/about/aims/", secure=secure)
    cached = client.get("/en/about/aims/", secure=secure)

    assert (fresh["X-Page-Cache"], cached["X-Page-Cache"]) == ("miss", "hit")
    without = {name: value for name, value in fresh.items() if name not in CACHE_BOOKKEEPING}
    assert {n: v for n, v in cached.items() if n not in CACHE_BOOKKEEPING} == without
    assert cached["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in cached["Content-Security-Policy"]
    assert_common_security_headers(cached)
    assert ("Strict-Transport-Security" in cached) == secure
