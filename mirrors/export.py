"""Render the public site as static files: `manage.py build_mirror` (README "When the site
is blocked").

Why our own export rather than django-bakery: bakery renders Django views it is given a
list of; Wagtail's pages (and their routable subpages, the library's publications, the
news feeds) need wagtail-bakery's page view, which does not support Wagtail 8. What the
mirror needs beyond rendering (only what the live site shows anonymously, links made
relative, files copied from their views, stale files removed, a signed manifest) is ours
either way, so this is a small crawler over Django's test client instead.

Every address is requested through the site's whole middleware stack, as an anonymous
visitor on the main site's public address (PUBLIC_SITE_URL) would send it, with the page
cache bypassed: what the live site would not show a visitor (drafts, restricted files,
member networks not agreed to be listed, the admin) answers 404 or is never linked, so it
never reaches the copy. The crawl starts from every language's home page and every live,
public page, and follows the links the pages print; a link to anything the crawl cannot
copy (a search, a form, the admin, a missing page) is removed from the copy.
"""

import datetime
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qsl, unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.test import Client, override_settings
from django.utils import translation

from hosting.media import IMAGE_FOLDERS, IMAGE_TYPES
from hosting.page_cache import BYPASS_ENVIRON_KEY
from hosting.sitemap import visible_pages
from mirrors import rewrite

LANGUAGE_CODES = [code for code, _ in settings.LANGUAGES]
# Addresses outside the site's language trees that the copy carries.
FILE_PREFIXES = ("/documents/", "/media/", settings.STATIC_URL)
SINGLE_FILES = ("/robots.txt", "/sitemap.xml") + tuple(
    f"/sitemap-{code}.xml" for code in LANGUAGE_CODES
)
# Never requested: staff pages, and what needs the server (search, password forms).
NEVER = (*settings.ADMIN_PATH_PREFIXES, "/documents/authenticate_with_password/") + tuple(
    f"/{code}/search/" for code in LANGUAGE_CODES
)
MAX_ADDRESSES = 100_000  # a bound on the crawl, far above any real site


@dataclass
class Copy:
    """One address of the copy: its file in the folder and what it holds."""

    path: str  # the address on the site, e.g. /fr/about/ or /en/resources/?page=2
    file: str  # relative file name in the folder, e.g. fr/about/index.html
    body: bytes
    is_html: bool
    content_date: datetime.date | None = None
    generated: bool = False  # made by the build (root index, lists of pages), not the site


@dataclass
class Crawl:
    copies: dict = field(default_factory=dict)  # path -> Copy
    redirects: dict = field(default_factory=dict)  # path -> path or absolute URL
    missing: set = field(default_factory=set)
    dates: dict = field(default_factory=dict)  # path -> the day its page was last published


# What a folder's address holds when it is not a page (a feed, a series' permanent link
# that answers with the current PDF itself).
INDEX_FILES = {"application/pdf": "index.pdf", "text/plain": "index.txt"}


def file_name(path: str, query: dict, content_type: str) -> str:
    """Where an address is stored: folders get an index file that a link names (file://
    does not add index.html), a page of a list gets its own file beside it."""
    name = unquote(path).lstrip("/")
    if name.endswith("/") or not name:
        if "page" in query:
            return f"{name}page-{query['page']}.html"
        if content_type.startswith("text/html"):
            return name + "index.html"
        return name + INDEX_FILES.get(content_type.split(";")[0].strip(), "index.xml")
    return name


def mirrorable(path: str, query: dict) -> bool:
    """Whether the crawl may copy an address: in a language tree or a file folder, and no
    query but a page number (filters and searches need the server)."""
    if path.startswith(NEVER) or ".." in path.split("/"):
        return False
    if query and (set(query) != {"page"} or not query["page"].isdigit()):
        return False
    if path in SINGLE_FILES or path.startswith(FILE_PREFIXES):
        return not query
    return path.startswith(tuple(f"/{code}/" for code in LANGUAGE_CODES))


def split_query(query_string: str) -> dict:
    # Empty parameters (the pagination's "?q=&page=2") say nothing; page 1 of a list is
    # the list's own address.
    query = {key: value for key, value in parse_qsl(query_string) if value}
    if query.get("page") == "1":
        del query["page"]
    return query


def address(path: str, query: dict) -> str:
    if not query:
        return path
    return path + "?" + "&".join(f"{key}={value}" for key, value in sorted(query.items()))


def storage_media_prefix() -> str:
    """Where object storage's file addresses start (its bucket or custom domain), or ""
    when media are on local disk and served by the site's own /media/ view."""
    probe = "inpud-mirror-probe"
    url = default_storage.url(probe)
    return url.split(probe, 1)[0] if "://" in url else ""


def is_image_name(name: str) -> bool:
    """The rule of hosting.media for what may be served from media: images only."""
    parts = PurePosixPath(name).parts
    return (
        len(parts) > 1
        and parts[0] in IMAGE_FOLDERS
        and ".." not in parts
        and PurePosixPath(name).suffix.lower() in IMAGE_TYPES
    )


class Exporter:
    def __init__(self, public_url: str):
        parts = urlsplit(public_url)
        self.public_url = public_url.rstrip("/")
        self.host = parts.netloc
        self.secure = parts.scheme == "https"
        self.client = Client(**{BYPASS_ENVIRON_KEY: True})
        self.crawl = Crawl()
        self.media_prefix = storage_media_prefix()

    def get(self, path):
        response = self.client.get(path, secure=self.secure, headers={"host": self.host})
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response, body

    def known_dates(self):
        """The day each live page was last published, by its address."""
        dates = {}
        for page in visible_pages().specific(defer=True):
            url = page.get_url()
            if url and page.last_published_at:
                dates[urlsplit(url).path] = page.last_published_at.date()
        return dates

    def start(self):
        paths = [f"/{code}/" for code in LANGUAGE_CODES] + list(SINGLE_FILES)
        for page in visible_pages().specific(defer=True):
            url = page.get_url()
            if url:
                paths.append(urlsplit(url).path)
        return paths

    def run(self):
        """Crawl the site; returns the Crawl with every copied address."""
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, self.host.split(":")[0]]):
            dates = self.crawl.dates = self.known_dates()
            queue = [(path, {}) for path in self.start()]
            seen = {address(path, query) for path, query in queue}
            while queue and len(seen) < MAX_ADDRESSES:
                path, query = queue.pop(0)
                for link in self.visit(path, query, dates):
                    key = address(*link)
                    if key not in seen:
                        seen.add(key)
                        queue.append(link)
        return self.crawl

    def visit(self, path, query, dates):
        """Copy one address; returns the internal links it prints."""
        key = address(path, query)
        if path.startswith(settings.STATIC_URL):
            return self.visit_static(path)
        if self.media_prefix and path.startswith("/media/"):
            return self.visit_stored_image(path)
        response, body = self.get(key)
        if response.status_code in (301, 302, 303, 307, 308):
            target = self.internal(response["Location"], key)
            self.crawl.redirects[key] = address(*target) if target else response["Location"]
            return [target] if target else []
        if response.status_code != 200:
            self.crawl.missing.add(key)
            return []
        content_type = response.get("Content-Type", "")
        is_html = content_type.startswith("text/html")
        copy = Copy(key, file_name(path, query, content_type), body, is_html, dates.get(path))
        self.crawl.copies[key] = copy
        if not is_html:
            return []
        links = []
        for raw in rewrite.links_in(body.decode()):
            target = self.internal(raw, key)
            if target:
                links.append(target)
        return links

    def visit_static(self, path):
        """A static file: read from the collected files (hashed names) or, in development,
        from the apps' folders; a stylesheet's own url()s are copied too."""
        name = unquote(path[len(settings.STATIC_URL) :])
        found = finders.find(name)
        if not isinstance(found, str) and settings.STATIC_ROOT:
            collected = Path(settings.STATIC_ROOT) / name
            found = collected if collected.is_file() else None
        if found is None:
            self.crawl.missing.add(path)
            return []
        with open(found, "rb") as handle:
            body = handle.read()
        self.crawl.copies[path] = Copy(path, file_name(path, {}, ""), body, False)
        if not name.endswith(".css"):
            return []
        links = []
        for raw in rewrite.css_urls(body.decode()):
            target = self.internal(raw, path)
            if target:
                links.append(target)
        return links

    def visit_stored_image(self, path):
        """A photo in object storage, read from the bucket (images only, as hosting.media)."""
        name = path[len("/media/") :]
        try:
            if not is_image_name(name):
                raise FileNotFoundError(name)
            with default_storage.open(name, "rb") as handle:
                body = handle.read()
        except Exception:  # noqa: BLE001 (OSError, or the bucket client's own errors)
            self.crawl.missing.add(path)
            return []
        self.crawl.copies[path] = Copy(path, file_name(path, {}, ""), body, False)
        return []

    def internal(self, raw, base):
        """(path, query) of a link to this site the crawl may copy, or None."""
        parts = rewrite.resolve(raw, base, self.host, self.media_prefix)
        if parts is None:
            return None
        path, query_string, _ = parts
        query = split_query(query_string)
        return (path, query) if mirrorable(path, query) else None


def build(public_url: str):
    """The crawl of the whole public site, rendered in each page's own language."""
    with translation.override(settings.LANGUAGE_CODE):
        return Exporter(public_url).run()
