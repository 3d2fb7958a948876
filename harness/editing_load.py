"""Editors publishing through the admin while visitors read the site, on a live server.

The load behind the concurrency test (tests/production/test_concurrent_editing.py) and
`make bench`'s publishes per second. Each editor signs in with an account of their own and,
round after round, opens a page's editor (which records an editing session), sends the
editor's background ping, and publishes a new title; two editors share one page. Visitors
meanwhile read pages, the library and both searches, each request a fresh render. Every
loop is bounded by time and by count.
"""

import contextlib
import html
import json
import re
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

import environ
import psycopg
from bs4 import BeautifulSoup
from django.apps import apps

from harness import servers
from harness.edit_form import form_action, form_data_as_submitted

PASSWORD = "correct horse battery staple"
# One page each for two editors, and one page that the last two edit at the same time.
EDITED_PAGES = ["aims", "principles", "about", "about"]
VISITOR_PATHS = [
    "/en/",
    "/en/about/",
    "/en/about/aims/",
    "/en/about/governance/",
    "/en/resources/",
    "/en/resources/?q=strategic+plan",
    "/en/search/?q=drugs",
]
MAX_ROUNDS = 500
LOCKED = "database is locked"


@dataclass
class EditedPage:
    id: int
    slug: str
    path: str  # the public address, /en/...
    model: type


@dataclass
class Load:
    """What editors and visitors got: every answer, every publish, every failure."""

    seconds: float = 0.0
    answers: list = field(default_factory=list)  # (who, what, status)
    published: dict = field(default_factory=dict)  # page slug -> [(editor, title)]
    refused: list = field(default_factory=list)  # (editor, message): Wagtail said why
    failures: list = field(default_factory=list)  # (who, what, status, excerpt)
    pages: dict = field(default_factory=dict)  # slug -> EditedPage
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def answer(self, who, what, status, body=b""):
        text = body.decode(errors="replace") if isinstance(body, bytes) else body
        with self.lock:
            self.answers.append((who, what, status))
            if status >= 500 or LOCKED in text:
                self.failures.append((who, what, status, text[:300]))

    def fail(self, who, what, reason):
        with self.lock:
            self.failures.append((who, what, None, reason))

    @property
    def publishes(self):
        return sum(len(titles) for titles in self.published.values())

    @property
    def server_errors(self):
        return sum(1 for _, _, status in self.answers if status >= 500)

    def visitor_requests(self):
        return sum(1 for who, _, _ in self.answers if who.startswith("visitor"))


def database_rows(database_url, sql, params=()):
    """Rows of one read-only query, on SQLite or PostgreSQL (sql uses %s placeholders)."""
    config = environ.Env.db_url_config(database_url)
    if config["ENGINE"].endswith("sqlite3"):
        with contextlib.closing(sqlite3.connect(config["NAME"], timeout=30)) as db:
            return db.execute(sql.replace("%s", "?"), params).fetchall()
    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as db:
        return db.execute(sql, params).fetchall()


def edited_pages(database_url, slugs):
    rows = database_rows(
        database_url,
        "SELECT p.id, p.slug, p.url_path, t.app_label, t.model FROM wagtailcore_page p "
        "JOIN django_content_type t ON t.id = p.content_type_id WHERE p.depth > 2",
    )
    pages = {}
    for page_id, slug, url_path, app_label, model in rows:
        if slug in slugs:
            # url_path is /home/about/aims/: the home page's slug stands for /en/.
            path = "/en/" + url_path.split("/", 2)[2]
            pages[slug] = EditedPage(page_id, slug, path, apps.get_model(app_label, model))
    return pages


def create_editors(env, count):
    """Superusers editor1..editorN (superusers publish without moderation), one process."""
    names = [f"editor{number}" for number in range(1, count + 1)]
    script = (
        "from django.contrib.auth import get_user_model\n"
        f"for name in {names!r}:\n"
        "    get_user_model().objects.create_superuser("
        f"name, name + '@inpud.example', {PASSWORD!r})\n"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=servers.PROJECT,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    return names


def edit_rounds(base, username, page, deadline, load):
    # A client timeout longer than the database's lock wait: see what the server answers.
    session = servers.AdminSession(base, timeout=60)
    for _attempt in range(5):  # an editor whose sign-in failed tries again (it still counts)
        try:
            session.login(username, PASSWORD)  # password, then second factor (set up at first)
        except servers.SignInRefused as refused:
            load.answer(username, "sign-in", refused.status, str(refused))
            continue
        load.answer(username, "sign-in", 200)
        break
    else:
        return
    for round_number in range(1, MAX_ROUNDS + 1):
        if time.monotonic() > deadline:
            return
        try:
            edit_round(session, username, page, round_number, load)
        except OSError as error:  # no answer at all (a worker killed, a timeout)
            load.fail(username, "edit round", repr(error))


def edit_round(session, username, page, round_number, load):
    status, _, body = session.request(f"/admin/pages/{page.id}/edit/")
    load.answer(username, "edit form", status, body)
    if status != 200:
        return
    form = body.decode()
    ping = re.search(r'data-w-swap-src-value="([^"]+)"', form)
    if ping:  # what the editor's page sends in the background every few seconds
        status, _, answer = session.request(
            html.unescape(ping.group(1)),
            {"csrfmiddlewaretoken": session.cookies["csrftoken"], "is_editing": "1"},
            headers={"Accept": "application/json"},
        )
        load.answer(username, "editing-session ping", status, answer)
    data = form_data_as_submitted(form, page.model)
    title = f"{page.slug.capitalize()} by {username}, round {round_number}"
    data["title"] = title
    data["csrfmiddlewaretoken"] = session.cookies["csrftoken"]  # as the admin's script sends it
    data["action-publish"] = "action-publish"
    status, _, answer = session.request(html.unescape(form_action(form)), list(data.lists()))
    load.answer(username, "publish", status, answer)
    if status == 302:
        with load.lock:
            load.published.setdefault(page.slug, []).append((username, title))
    elif status == 200 and (messages := admin_messages(answer)):
        with load.lock:  # Wagtail refused the save and told the editor why
            load.refused.append((username, messages))
    elif status == 200:
        load.fail(username, "publish", "the form came back without saying why")


def admin_messages(page):
    soup = BeautifulSoup(page, "html.parser")
    return [" ".join(item.get_text().split()) for item in soup.select("div.messages li")]


def visit_rounds(number, base, deadline, load):
    who = f"visitor{number}"
    for count in range(MAX_ROUNDS * 10):
        if time.monotonic() > deadline:
            return
        path = VISITOR_PATHS[count % len(VISITOR_PATHS)]
        separator = "&" if "?" in path else "?"
        # A new query string each time: a render from the database, not the page cache.
        try:
            status, _, body = servers.fetch(f"{base}{path}{separator}visit={number}-{count}")
        except OSError as error:
            load.fail(who, path, repr(error))
            continue
        load.answer(who, path, status, body)


def run_load(base, database_url, env, seconds, visitors=2):
    """Editors (EDITED_PAGES) and visitors for `seconds`; returns the Load."""
    pages = edited_pages(database_url, set(EDITED_PAGES))
    names = create_editors(env, len(EDITED_PAGES))
    load = Load(pages=pages)
    deadline = time.monotonic() + seconds
    threads = [
        threading.Thread(target=edit_rounds, args=(base, name, pages[slug], deadline, load))
        for name, slug in zip(names, EDITED_PAGES, strict=True)
    ] + [
        threading.Thread(target=visit_rounds, args=(number, base, deadline, load))
        for number in range(1, visitors + 1)
    ]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 120)
    load.seconds = time.monotonic() - began
    return load


def missing_publishes(load, database_url, base):
    """Publishes the editors were told succeeded but that the site does not have: each
    title must be one of its page's revisions, and the live page must show the last one
    (for the shared page, the last of one of its two editors)."""
    missing = []
    for slug, titles in load.published.items():
        page = load.pages[slug]
        revisions = {
            (content if isinstance(content, dict) else json.loads(content))["title"]
            for (content,) in database_rows(
                database_url,
                "SELECT content FROM wagtailcore_revision WHERE object_id = %s "
                "AND base_content_type_id = (SELECT id FROM django_content_type "
                "WHERE app_label = 'wagtailcore' AND model = 'page')",
                (str(page.id),),
            )
        }
        missing += [(slug, title) for _, title in titles if title not in revisions]
        last_of_each = dict(titles)  # editor -> the last title they published
        _, _, live = servers.fetch(f"{base}{page.path}?after-the-load={time.monotonic()}")
        if not any(html.escape(title) in live.decode() for title in last_of_each.values()):
            missing.append((slug, f"live page shows none of {sorted(last_of_each.values())}"))
    return missing


def count_in_log(log_path, text):
    return log_path.read_text(errors="replace").count(text)


def summary(load, locked_in_log):
    """The figures of one load, for a failing test's message and for `make bench`."""
    attempts = {}
    for who, what, _ in load.answers:
        if what == "publish":
            attempts[who] = attempts.get(who, 0) + 1
    return {
        "seconds": round(load.seconds, 1),
        "publishes": load.publishes,
        "publishes_per_second": round(load.publishes / load.seconds, 2) if load.seconds else 0,
        "publish_attempts": attempts,
        "refused_with_a_message": len(load.refused),
        "visitor_requests": load.visitor_requests(),
        "server_errors": load.server_errors,
        "locked_in_responses": sum(1 for f in load.failures if f[3] and LOCKED in f[3]),
        "locked_in_server_log": locked_in_log,
        "failures": load.failures[:5],
    }
