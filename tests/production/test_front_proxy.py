"""compose's nginx front (nginx/site.conf): checked with Debian's nginx itself, and run in
front of the production start path on loopback. No container registry is reachable here,
so compose.yaml is checked by reading it."""

import contextlib
import datetime
import getpass
import re
import shutil
import socket
import ssl
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from harness import servers
from tests.conftest import require

PROJECT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITE_CONF = (PROJECT / "nginx" / "site.conf").read_text()
COMPOSE = yaml.safe_load((PROJECT / "compose.yaml").read_text())

NO_NGINX = "Debian's nginx (apt-get install nginx-light; .ci/run installs it)"


def test_compose_puts_nginx_in_front_and_the_app_behind_it():
    services = COMPOSE["services"]
    proxy, app = services["proxy"], services["app"]

    assert proxy["image"].startswith("nginx:")
    assert set(proxy["ports"]) == {"80:80", "443:443"}
    assert "./nginx/site.conf:/etc/nginx/conf.d/default.conf:ro" in proxy["volumes"]
    assert "static:/srv/static:ro" in proxy["volumes"]
    assert proxy["depends_on"]["app"] == {"condition": "service_healthy"}
    assert proxy["depends_on"]["static"] == {"condition": "service_completed_successfully"}
    # The app publishes no port of its own: every visitor comes through nginx, which is
    # the one proxy the app counts in X-Forwarded-For.
    assert "ports" not in app and app["expose"] == ["8000"]
    assert app["environment"]["TRUSTED_PROXY_COUNT"] == "${TRUSTED_PROXY_COUNT:-1}"
    assert "TRUST_X_FORWARDED_PROTO" not in app["environment"]  # on by default


def test_compose_copies_static_files_without_their_manifest():
    static = COMPOSE["services"]["static"]

    assert static["image"] == COMPOSE["services"]["app"]["image"]
    assert static["command"][-1] == "cp -R /app/staticfiles/. /srv/static/"
    # The manifest is written beside that folder, not in it (hosting/static_files.py).
    from hosting.static_files import manifest_path

    assert manifest_path("/app/staticfiles") == Path("/app/staticfiles-manifest.json")


def test_compose_keeps_backups_and_the_server_lock_on_volumes():
    app = COMPOSE["services"]["app"]

    assert "backups:/data/backups" in app["volumes"]
    assert "run:/data/run" in app["volumes"]
    assert app["environment"]["SERVER_LOCK_FILE"].startswith("/data/run/")
    assert {"db", "media", "backups", "run", "static"} <= set(COMPOSE["volumes"])


def test_the_proxy_overwrites_forwarded_headers_and_keeps_buffering_on():
    directives = re.sub(r"#.*", "", SITE_CONF)

    assert "proxy_set_header X-Forwarded-Proto $scheme;" in directives
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in directives
    assert "proxy_request_buffering on;" in directives and "proxy_buffering on;" in directives
    for timeout in ("client_header_timeout", "client_body_timeout", "send_timeout"):
        assert re.search(rf"{timeout} \d+s;", directives), timeout
    # Pages keep the app's cache headers: nginx neither caches nor rewrites them.
    assert "proxy_cache" not in directives
    assert "proxy_hide_header" not in directives and "proxy_ignore_headers" not in directives


def self_signed(folder):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    (folder / "fullchain.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "privkey.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )


def nginx_setup(folder, app_port, static_root, http_port, https_port):
    """A main nginx.conf around nginx/site.conf as compose mounts it, with only file
    locations and ports moved into folder; the upstream keeps its name, `app`, which an
    /etc/hosts of the test's own resolves (in a mount namespace: see run_nginx)."""
    tls = folder / "tls"
    tls.mkdir()
    self_signed(tls)
    (folder / "logs").mkdir()
    site = (
        SITE_CONF.replace("server app:8000;", f"server app:{app_port};")
        .replace("/etc/nginx/tls/", f"{tls}/")
        .replace("/srv/static/", f"{static_root}/")
        .replace("/var/log/nginx/", f"{folder}/logs/")
        .replace("/var/www/acme", f"{folder}/acme")
        .replace("listen 80;", f"listen 127.0.0.1:{http_port};")
        .replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
        .replace("listen [::]:80;", "")
        .replace("listen [::]:443 ssl http2;", "")
    )
    (folder / "site.conf").write_text(site)
    (folder / "nginx.conf").write_text(
        f"""
        daemon off;
        # pytest's folders are private to the user running it (compose's nginx reads a
        # volume collectstatic made world-readable: tests/test_production.py checks that).
        user {getpass.getuser()};
        pid {folder}/nginx.pid;
        error_log {folder}/logs/error.log warn;
        events {{ worker_connections 256; }}
        http {{
            include /etc/nginx/mime.types;
            default_type application/octet-stream;
            client_body_temp_path {folder}/body;
            proxy_temp_path {folder}/proxy;
            fastcgi_temp_path {folder}/fastcgi;
            uwsgi_temp_path {folder}/uwsgi;
            scgi_temp_path {folder}/scgi;
            include {folder}/site.conf;
        }}
        """
    )
    hosts = folder / "hosts"
    hosts.write_text("127.0.0.1 localhost app\n")
    return folder / "nginx.conf", hosts


def nginx_command(conf, hosts, *args):
    """nginx with `app` resolvable: /etc/hosts replaced in a private mount namespace."""
    script = f'mount --bind "{hosts}" /etc/hosts && exec "{NGINX}" -c "{conf}" {" ".join(args)}'
    return ["unshare", "--mount", "sh", "-c", script]


def test_debians_nginx_accepts_the_config(tmp_path):
    require(Path(NGINX).exists(), NO_NGINX)
    static = tmp_path / "static"
    static.mkdir()
    conf, hosts = nginx_setup(tmp_path, 8000, static, servers.free_port(), servers.free_port())

    result = subprocess.run(
        nginx_command(conf, hosts, "-t"), capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
    # Positive control: the same check fails when `app` cannot be resolved.
    hosts.write_text("127.0.0.1 localhost\n")
    broken = subprocess.run(
        nginx_command(conf, hosts, "-t"), capture_output=True, text=True, timeout=60
    )
    assert broken.returncode != 0 and 'host not found in upstream "app' in broken.stderr


@pytest.fixture(scope="module")
def front(tmp_path_factory):
    """The production start path on loopback, with nginx in front of it over TLS."""
    require(Path(NGINX).exists(), NO_NGINX)
    folder = tmp_path_factory.mktemp("front")
    app_folder = folder / "app"
    app_folder.mkdir()
    with servers.production_server(app_folder, ALLOWED_HOSTS="127.0.0.1,localhost") as base:
        app_port = int(base.rsplit(":", 1)[1])
        http_port, https_port = servers.free_port(), servers.free_port()
        conf, hosts = nginx_setup(folder, app_port, app_folder / "static", http_port, https_port)
        log = (folder / "nginx.out").open("w")
        nginx = subprocess.Popen(nginx_command(conf, hosts), stdout=log, stderr=log)
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                with (
                    contextlib.suppress(OSError),
                    socket.create_connection(("127.0.0.1", https_port), timeout=1),
                ):
                    break
                time.sleep(0.2)
            yield {"https": f"https://localhost:{https_port}", "folder": folder, "app": base}
        finally:
            nginx.terminate()
            nginx.wait(timeout=30)
            log.close()


def https_get(url, headers=None):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10, context=context) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_through_nginx_pages_are_https_with_the_apps_own_cache_headers(front):
    direct = servers.fetch(front["app"] + "/en/")
    status, headers, body = https_get(front["https"] + "/en/")

    assert status == 200 and b"International Network of People who Use Drugs" in body, headers
    # X-Forwarded-Proto reached the app: it speaks of https (HSTS, canonical link).
    assert "max-age=31536000" in headers.get("Strict-Transport-Security", ""), headers
    assert b'rel="canonical" href="https://localhost/en/"' in body
    assert "Strict-Transport-Security" not in direct[1]  # control: plain HTTP, no proxy
    assert headers["Cache-Control"] == direct[1]["Cache-Control"]


def test_nginx_serves_fingerprinted_static_files_but_never_the_manifest(front):
    _, _, home = https_get(front["https"] + "/en/")
    css = home.split(b'rel="stylesheet" href="')[1].split(b'"')[0].decode()

    status, headers, _ = https_get(front["https"] + css, {"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "max-age=315360000, public, immutable"
    assert "X-Page-Cache" not in headers and "Server" in headers  # nginx, not the app
    for path in ["/static/staticfiles.json", "/static/static-manifest.json"]:
        assert https_get(front["https"] + path)[0] == 404, path


def test_nginx_refuses_an_oversized_upload_from_its_content_length(front):
    host, port = front["https"].removeprefix("https://").split(":")
    context = ssl._create_unverified_context()  # noqa: S323 (our own test certificate)
    with (
        socket.create_connection(("127.0.0.1", int(port)), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname=host) as sock,
    ):
        sock.sendall(
            b"POST /admin/documents/add/ HTTP/1.1\r\nHost: localhost\r\n"
            + f"Content-Length: {60 * 1024 * 1024}\r\n\r\n".encode()
        )
        assert sock.makefile("rb").readline().startswith(b"HTTP/1.1 413")


def test_nginx_logs_requests_without_visitor_addresses(front):
    log = (front["folder"] / "logs" / "access.log").read_text()

    assert "127.0.0.1" not in log  # no visitor addresses in nginx's log either
    assert '"GET /en/ HTTP/1.1" 200' in log
