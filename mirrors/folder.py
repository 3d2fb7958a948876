"""The mirror's folder: the crawl's files written where they changed, nothing else touched
(so syncing it to a host is cheap), files the site no longer has removed, and the signed
manifest."""

import datetime
import html
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import formats, translation
from django.utils.translation import gettext

from mirrors import export, manifest, rewrite

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español", "ru": "Русский"}


@dataclass
class Report:
    files: int
    written: int
    deleted: int
    size: int
    signed: bool


def language_of(path):
    code = path.strip("/").split("/", 1)[0]
    return code if code in export.LANGUAGE_CODES else settings.LANGUAGE_CODE


def contents_path(code):
    return f"/{code}/mirror-contents.html"


def root_index(public_url):
    """The folder's own index.html: the four languages, each named in itself (no script,
    no redirect: a file server cannot choose a language), and each one's list of pages."""
    languages = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            label = gettext("every page")
        languages.append(
            {
                "code": code,
                "name": LANGUAGE_NAMES.get(code, name),
                "href": f"/{code}/",
                "contents": contents_path(code),
                "contents_label": label,
            }
        )
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(
            "mirrors/root_index.html",
            {"languages": languages, "stylesheet": static("css/site.css")},
        )
    return export.Copy("/", "index.html", text.encode(), True, generated=True)


TITLE = re.compile(r"<title>(.*?)(?: \| INPUD)?</title>", re.DOTALL)


def contents(crawl, code, public_url):
    """A list of every page of one language in the copy: the live site does not link
    every page from another (the contact page), a crawl from the root index must find
    them all."""
    entries = []
    for copy in crawl.copies.values():
        if copy.is_html and copy.path.startswith(f"/{code}/") and "?" not in copy.path:
            found = TITLE.search(copy.body.decode())
            title = html.unescape(found.group(1)) if found else copy.path
            entries.append({"path": copy.path, "title": title})
    entries.sort(key=lambda entry: entry["path"])
    with translation.override(code):
        text = render_to_string(
            "mirrors/contents.html",
            {
                "code": code,
                "entries": entries,
                "public_url": public_url,
                "stylesheet": static("css/site.css"),
            },
        )
    path = contents_path(code)
    return export.Copy(path, path.lstrip("/"), text.encode(), True, generated=True)


class Renderer:
    def __init__(self, crawl, public_url, folder: Path, today):
        self.crawl = crawl
        self.public_url = public_url
        self.folder = folder
        self.today = today
        self.host = urlsplit(public_url).netloc
        self.rewriter = rewrite.PageRewriter(
            crawl, public_url, self.host, self.address_of, export.storage_media_prefix()
        )

    def address_of(self, path, query_string):
        query = export.split_query(query_string)
        key = export.address(path, query)
        if key in self.crawl.copies or key in self.crawl.redirects:
            return key  # the build's own pages (/, the lists of pages) too
        return key if export.mirrorable(path, query) else None

    def canonical_date(self, copy):
        """A page shown in another language's tree (English under /fr/ until translated)
        has the date of the page it shows, which its canonical link names."""
        found = None if copy.generated else rewrite.CANONICAL.search(copy.body.decode())
        if found is None:
            return None
        return self.crawl.dates.get(urlsplit(found.group(1)).path)

    def page(self, copy):
        """The page as the copy holds it. The notice's date is the day its content last
        changed: a page whose content is what the folder already holds keeps its file,
        date included, byte for byte."""
        language = language_of(copy.path)
        with translation.override(language):
            day = copy.content_date or self.canonical_date(copy) or self.today
            context = {
                "site": self.host.removeprefix("www."),
                "date": day.isoformat(),
                "date_text": formats.date_format(day, "DATE_FORMAT"),
                "language": language,
            }
            body = self.rewriter.page(copy, context)
        existing = self.folder / copy.file
        if existing.is_file():
            held = existing.read_bytes()
            if rewrite.without_notice(held) == rewrite.without_notice(body):
                return held
        return body

    def files(self):
        found = {}
        for code in export.LANGUAGE_CODES:
            page = contents(self.crawl, code, self.public_url)
            self.crawl.copies[page.path] = page
        self.crawl.copies["/"] = root_index(self.public_url)
        for copy in self.crawl.copies.values():
            found[copy.file] = self.page(copy) if copy.is_html else copy.body
        return found


def write_if_changed(path: Path, body: bytes) -> bool:
    if path.is_file() and path.stat().st_size == len(body) and path.read_bytes() == body:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as temporary:
        temporary.write(body)
    os.chmod(temporary.name, 0o644)
    os.replace(temporary.name, path)
    return True


def remove_stale(folder: Path, keep: set) -> int:
    deleted = 0
    for path in sorted(folder.rglob("*"), reverse=True):
        name = path.relative_to(folder).as_posix()
        if path.is_file() and name not in keep:
            path.unlink()
            deleted += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return deleted


def build_mirror(folder: Path, public_url: str, secret_key=None, today=None) -> Report:
    if folder.is_dir() and any(folder.iterdir()) and not (folder / manifest.MANIFEST).is_file():
        # Stale files are deleted: never in a folder that is not a mirror already.
        raise ValueError(f"{folder} is not empty and holds no mirror ({manifest.MANIFEST})")
    folder.mkdir(parents=True, exist_ok=True)
    today = today or datetime.date.today()
    crawl = export.build(public_url)
    files = Renderer(crawl, public_url, folder, today).files()
    written = sum(write_if_changed(folder / name, body) for name, body in files.items())
    listing = manifest.listing(files)
    written += write_if_changed(folder / manifest.MANIFEST, listing)
    signed = False
    signature_path = folder / manifest.SIGNATURE
    if secret_key is not None:
        written += write_if_changed(signature_path, manifest.sign(listing, secret_key))
        signed = True
    elif signature_path.is_file() and not manifest.still_signed(folder):
        signature_path.unlink()  # it signed another manifest: say nothing rather than lie
    keep = set(files) | {manifest.MANIFEST} | ({manifest.SIGNATURE} if signed else set())
    if signature_path.is_file():
        keep.add(manifest.SIGNATURE)
    deleted = remove_stale(folder, keep)
    size = sum(len(body) for body in files.values())
    return Report(len(files), written, deleted, size, signed or signature_path.is_file())
