"""The static mirror of the seeded site, built by `manage.py build_mirror` from the
production start path's database and collected static files, served by a plain file
server (Python's http.server) on loopback at a domain's root and under a sub-path, and
crawled from its root index as a visitor would follow it (issue 20's "Done when")."""

import contextlib
import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import minisign
import pytest

from harness.audit import AXE, axe_violations, nu_errors, vnu_jar
from harness.servers import PROJECT, fetch, production_env, production_server
from mirrors import manifest
from tests.conftest import require

PUBLIC_URL = "https://inpud.example"
LANGUAGES = ["en", "fr", "es", "ru"]
MAX_PAGES = 2000  # the crawl's bound, far above the seeded site's size


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None or tag not in {"a", "link", "img", "script", "source"}:
                continue
            if name in {"href", "src"}:
                self.links.append((tag, dict(attrs), value))
            elif name == "srcset":
                self.links += [(tag, dict(attrs), c.split()[0]) for c in value.split(",") if c]


def links_of(body: bytes):
    parser = Links()
    parser.feed(body.decode())
    return parser.links


@contextlib.contextmanager
def file_server(directory: Path):
    """Python's http.server on loopback, in a thread; stopped on exit."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def crawl(start: str):
    """Every page reachable from `start` on its own server and below its folder: the
    answers by address, the internal links that did not answer 200, and every link."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(start))
    pages, broken, every_link, queue, seen = {}, [], [], [start], {start}
    while queue and len(seen) <= MAX_PAGES:
        url = queue.pop(0)
        status, headers, body = fetch(url)
        if status != 200:
            broken.append((url, status))
            continue
        pages[url] = (headers, body)
        if not headers.get("Content-type", "").startswith("text/html"):
            continue
        for tag, attrs, link in links_of(body):
            every_link.append((url, tag, attrs, link))
            target = urldefrag(urljoin(url, link)).url
            if not target.startswith(origin):
                continue
            assert target.startswith(start.rsplit("/", 1)[0]), f"{url} leaves the mirror: {link}"
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return pages, broken, every_link


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The live site (production start path, seeded) and its mirror, signed, built once."""
    folder = tmp_path_factory.mktemp("mirror-site")
    keys = minisign.KeyPair.generate()
    key_file = folder / "inpud.key"
    key_file.write_bytes(bytes(keys.secret_key))
    serve_root = folder / "served"
    copy = serve_root / "copies" / "inpud"
    with production_server(folder / "site") as live:
        env = production_env(folder / "site", 0, PUBLIC_SITE_URL=PUBLIC_URL)
        build = [
            sys.executable,
            "manage.py",
            "build_mirror",
            str(copy),
            "--key-file",
            str(key_file),
        ]
        first = subprocess.run(
            build, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120
        )
        assert first.returncode == 0, first.stderr
        mtimes = {path: path.stat().st_mtime_ns for path in copy.rglob("*") if path.is_file()}
        again = subprocess.run(
            build, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120
        )
        yield {
            "live": live,
            "copy": copy,
            "serve_root": serve_root,
            "public_key": keys.public_key.to_base64().decode(),
            "first": first.stdout,
            "again": again.stdout,
            "mtimes": mtimes,
            "env": env,
            "live_pages": live_pages(live),
            "live_files": live_files(live),
        }


def live_pages(live):
    """Every page the live site's sitemaps list, in each of the four languages (an English
    page not yet translated is served under /fr/ too, in English): the paths that answer."""
    paths = set()
    for code in LANGUAGES:
        status, _, body = fetch(f"{live}/sitemap-{code}.xml")
        assert status == 200
        for url in re.findall(rb"<loc>([^<]+)</loc>", body):
            path = urlsplit(url.decode()).path
            paths |= {re.sub(r"^/[a-z]{2}/", f"/{other}/", path) for other in LANGUAGES}
    for path in paths:
        assert fetch(live + path)[0] == 200, path
    return sorted(paths)


def live_files(live):
    """The current files the live library lists in each language: path -> bytes served."""
    files = {}
    for code in LANGUAGES:
        _, _, body = fetch(f"{live}/{code}/resources/")
        for path in set(re.findall(rb'href="(/documents/\d+/[^"]+)"', body)):
            status, _, content = fetch(live + path.decode())
            assert status == 200
            files[path.decode()] = content
    return files


@pytest.fixture(scope="module")
def at_root(built):
    with file_server(built["copy"]) as base:
        yield base + "/", crawl(base + "/")


@pytest.fixture(scope="module")
def under_sub_path(built):
    with file_server(built["serve_root"]) as base:
        start = base + "/copies/inpud/"
        yield start, crawl(start)


def mirrored_paths(start, pages):
    """The site's addresses the crawl reached, as the live site names them."""
    found = set()
    for url in pages:
        rest = "/" + url[len(start) :]
        found.add(re.sub(r"index\.(html|xml|pdf)$", "", rest))
    return found


@pytest.mark.parametrize("where", ["at_root", "under_sub_path"])
def test_every_link_of_the_mirror_resolves_and_every_live_page_and_file_is_in_it(
    request, built, where
):
    start, (pages, broken, _) = request.getfixturevalue(where)

    assert broken == []
    paths = mirrored_paths(start, pages)
    assert len(built["live_pages"]) >= 40  # positive control: the sitemaps list the site
    assert sorted(set(built["live_pages"]) - paths) == []
    assert {f"/{code}/" for code in LANGUAGES} <= paths
    assert built["live_files"]  # the seeded library lists files
    for path, content in built["live_files"].items():
        assert path in paths
        assert pages[start + path.lstrip("/")][1] == content, path  # byte for byte


def test_the_mirror_names_neither_the_admin_nor_the_build_server(built, at_root):
    start, (pages, _, every_link) = at_root
    live_host = urlsplit(built["live"]).netloc
    for url, (_, body) in pages.items():
        assert live_host.encode() not in body, url
        assert b"127.0.0.1" not in body and b"testserver" not in body, url
    assert [link for *_, link in every_link if "/admin/" in link or "/accounts/" in link] == []
    # Every absolute link is the main site's public address or another site (social links).
    absolute = {link for *_, link in every_link if "://" in link}
    assert any(link.startswith(PUBLIC_URL + "/") for link in absolute)  # canonical links
    assert not any("inpud.example" not in link and "127.0.0.1" in link for link in absolute)


def test_every_page_says_it_is_a_mirror_and_names_its_original(at_root):
    start, (pages, _, _) = at_root
    html_pages = {u: b for u, (h, b) in pages.items() if h["Content-type"].startswith("text/html")}
    assert len(html_pages) >= 40
    for url, body in html_pages.items():
        assert b'class="notice mirror-notice"' in body, url
        assert re.search(rb'<link rel="canonical" href="https://inpud\.example/', body), url
        assert b'http-equiv="Content-Security-Policy"' in body, url
        assert b"<form" not in body, url  # searches and forms need the main site
    russian = html_pages[start + "ru/index.html"].decode()
    assert "Это зеркало сайта inpud.example." in russian


def test_a_rebuild_with_nothing_changed_rewrites_nothing(built):
    assert "0 written, 0 removed" in built["again"], built["again"]
    now = {p: p.stat().st_mtime_ns for p in built["copy"].rglob("*") if p.is_file()}
    assert now == built["mtimes"]
    assert "written" in built["first"] and "0 written" not in built["first"]  # control


def verify(built, folder):
    run = [
        sys.executable,
        "manage.py",
        "verify_mirror",
        str(folder),
        "--public-key",
        built["public_key"],
    ]
    return subprocess.run(run, cwd=PROJECT, env=built["env"], capture_output=True, text=True)


def test_the_signed_manifest_verifies_and_a_tampered_copy_fails(built, tmp_path):
    command = verify(built, built["copy"])
    assert command.returncode == 0, command.stderr
    key = minisign.PublicKey.from_base64(built["public_key"])
    assert manifest.verify(built["copy"], key) == []

    tampered = tmp_path / "tampered"
    shutil.copytree(built["copy"], tampered)
    statement = tampered / "en" / "about" / "index.html"
    statement.write_bytes(statement.read_bytes().replace(b"INPUD", b"A forged INPUD", 1))
    assert manifest.verify(tampered, key) == ["changed: en/about/index.html"]
    failed = verify(built, tampered)
    assert failed.returncode != 0 and "changed: en/about/index.html" in failed.stderr

    added = tmp_path / "added"
    shutil.copytree(built["copy"], added)
    (added / "en" / "forged.html").write_text("<p>forged</p>")
    assert manifest.verify(added, key) == ["not in the manifest: en/forged.html"]

    other_key = minisign.KeyPair.generate().public_key
    assert manifest.verify(built["copy"], other_key) != []


SAMPLE = [
    "index.html",
    "en/index.html",
    "ru/about/index.html",
    "fr/resources/index.html",
    "en/about/networks/index.html",
    "es/if-blocked/index.html",
]


@pytest.mark.browser
def test_sample_pages_of_the_mirror_have_no_axe_violations(at_root, browser):
    require(AXE.exists(), "axe-core in node_modules (npm ci)")
    start, _ = at_root
    context = browser.new_context()
    try:
        page = context.new_page()
        found = {}
        for path in SAMPLE:
            page.goto(start + path, wait_until="load")
            found[path] = [(v["id"], v["nodes"]) for v in axe_violations(page)]
            assert page.locator(".mirror-notice").count() == 1
        assert context.cookies() == []
    finally:
        context.close()
    assert found == {path: [] for path in SAMPLE}


@pytest.mark.browser
def test_sample_pages_of_the_mirror_have_no_nu_html_checker_errors(built):
    require(vnu_jar() is not None, "the Nu HTML checker (vnu.jar) and Java")
    documents = {path: (built["copy"] / path).read_bytes() for path in SAMPLE}
    assert nu_errors(documents) == {path: [] for path in SAMPLE}
