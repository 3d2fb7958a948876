"""`make soak`: the production path under load, then with its database stopped mid-load.

1. Starts a throwaway PostgreSQL cluster on its own port (never the machine's shared one)
   and the production start path (bin/start-production: waitress, DEBUG off) on loopback.
2. Steady load: CLIENTS concurrent visitors for SOAK_SECONDS (60 by default) over the
   public URLs; every response must be below 500.
3. Outage: the database is stopped while the load goes on. Pages must answer 503 with the
   friendly page, /healthz 503, and an admin edit sent now must be refused, not half-saved.
4. Recovery: the database is started again; the time until pages and /healthz answer 200
   by themselves is measured, then the load goes on with no 5xx, the edit made before the
   outage is still there and a new edit succeeds.

Bounded everywhere: each phase by time and by request count. Prints the figures and exits
non-zero when any expectation fails. Needs root (to run PostgreSQL as its own user).
"""

import collections
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

from harness import servers
from harness.services import ThrowawayCluster

CLIENTS = 8
MAX_REQUESTS_PER_PHASE = 200_000
PATHS = ["/en/", "/robots.txt", "/sitemap.xml", "/sitemap-en.xml", "/en/no-such-page/"]


class Load:
    """Concurrent visitors in threads; statuses are tallied under the current phase name."""

    def __init__(self, base, clients=CLIENTS):
        self.base = base
        self.clients = clients
        self.phase = "warm-up"
        self.tally = collections.defaultdict(collections.Counter)
        self.bodies_5xx = collections.defaultdict(collections.Counter)
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = []

    def _visitor(self, offset):
        count = offset
        while not self.stopping.is_set():
            path = PATHS[count % len(PATHS)]
            count += 1
            status, _, body = servers.fetch(self.base + path)
            with self.lock:
                phase = self.phase
                if sum(self.tally[phase].values()) >= MAX_REQUESTS_PER_PHASE:
                    time.sleep(0.05)
                    continue
                self.tally[phase][status] += 1
                if status >= 500:
                    friendly = b"Back soon" in body
                    self.bodies_5xx[phase]["friendly" if friendly else "other"] += 1

    def start(self):
        self.threads = [
            threading.Thread(target=self._visitor, args=(i,), daemon=True)
            for i in range(self.clients)
        ]
        for thread in self.threads:
            thread.start()

    def switch(self, phase):
        with self.lock:
            self.phase = phase

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join(timeout=30)


def fetch_or_error(url):
    try:
        return servers.fetch(url)
    except OSError as error:
        return 0, {}, str(error).encode()


def wait_until(predicate, timeout):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if predicate():
            return time.monotonic() - started
        time.sleep(0.1)
    return None


def run_soak(folder: Path, seconds=60.0, outage_seconds=10.0, after_seconds=10.0, clients=CLIENTS):
    """Runs the whole soak; returns (figures, failures)."""
    failures = []
    figures = {}
    cluster = ThrowawayCluster()
    database_url = cluster.create()
    try:
        env = {"DATABASE_URL": database_url, "CONN_MAX_AGE": "60", "WEB_CONCURRENCY": "4"}
        with servers.production_server(folder / "app", **env) as base:
            username, password = servers.create_superuser(
                servers.production_env(folder / "app", 0, **env)
            )
            editor = servers.AdminSession(base)
            editor.login(username, password)
            edit_path = home_edit_path(editor)
            status, _, _ = editor.submit(
                edit_path, edit_path, {"title": "Saved before the outage"},
                extra={"action-publish": "action-publish"},
            )  # fmt: skip
            if status != 302:
                failures.append(f"edit before the outage: {status}")

            load = Load(base, clients)
            load.start()
            time.sleep(1)
            load.switch("steady")
            time.sleep(seconds)

            # An editor has the form open when the database goes away.
            pending_edit = editor.form(edit_path, edit_path)
            pending_edit.update(title="Half-saved during the outage", **{"action-publish": "1"})
            load.switch("outage")
            cluster.stop()
            outage_started = time.monotonic()
            time.sleep(min(2.0, outage_seconds))
            # A page already in the page cache still answers 200; one that must be rendered
            # (a search the cache has not seen: pages ignore query parameters they do not
            # read) needs the database: the friendly 503.
            cached_status = fetch_or_error(base + "/en/")[0]
            page_status, _, page_body = fetch_or_error(base + "/en/search/?q=during")
            health_status = fetch_or_error(base + "/healthz")[0]
            edit_status, _, edit_body = editor.request(edit_path, pending_edit)
            time.sleep(max(0.0, outage_seconds - (time.monotonic() - outage_started)))

            load.switch("recovery")
            cluster.start()
            restarted = time.monotonic()
            recovered = wait_until(
                lambda: (
                    fetch_or_error(base + "/healthz")[0] == 200
                    and fetch_or_error(base + "/en/search/?q=after")[0] == 200
                ),
                timeout=60,
            )
            load.switch("after")
            time.sleep(after_seconds)
            load.stop()

            _, _, home_after = fetch_or_error(base + "/en/")
            status_after_edit, _, _ = editor.submit(
                edit_path, edit_path, {"title": "Saved after the outage"},
                extra={"action-publish": "action-publish"},
            )  # fmt: skip
            _, _, home_final = fetch_or_error(base + "/en/")

        figures = {
            "steady_seconds": seconds,
            "steady": dict(load.tally["steady"]),
            "outage": dict(load.tally["outage"]),
            "outage_5xx_bodies": dict(load.bodies_5xx["outage"]),
            "recovery": dict(load.tally["recovery"]),
            "after": dict(load.tally["after"]),
            "recovery_seconds": recovered,
            "cached_page_during_outage": cached_status,
            "since_restart_seconds": round(time.monotonic() - restarted, 1),
        }
        steady_5xx = sum(n for s, n in load.tally["steady"].items() if s >= 500 or s == 0)
        after_5xx = sum(n for s, n in load.tally["after"].items() if s >= 500 or s == 0)
        figures["steady_requests"] = sum(load.tally["steady"].values())
        figures["steady_5xx"] = steady_5xx
        figures["after_5xx"] = after_5xx
        if figures["steady_requests"] == 0:
            failures.append("no request was answered during the steady load")
        if steady_5xx:
            failures.append(f"{steady_5xx} 5xx during the steady load")
        if page_status != 503 or b"Back soon" not in page_body:
            failures.append(f"page during the outage: {page_status}, friendly page missing")
        if cached_status not in (200, 503):
            failures.append(f"cached page during the outage: {cached_status}")
        if health_status != 503:
            failures.append(f"/healthz during the outage: {health_status}")
        if load.bodies_5xx["outage"].get("other"):
            failures.append("some 5xx during the outage were not the friendly page")
        if edit_status != 503 or b"Back soon" not in edit_body:
            failures.append(f"admin edit during the outage: {edit_status}, not refused clearly")
        if recovered is None:
            failures.append("the site did not recover within 60 s of the database's return")
        if after_5xx:
            failures.append(f"{after_5xx} 5xx after recovery")
        if b"<h1>Saved before the outage</h1>" not in home_after:
            failures.append("the edit published before the outage was lost")
        if b"Half-saved" in home_after or b"Half-saved" in home_final:
            failures.append("the edit sent during the outage was half-saved")
        if status_after_edit != 302 or b"<h1>Saved after the outage</h1>" not in home_final:
            failures.append("an edit after recovery did not publish")
    finally:
        cluster.destroy()
    return figures, failures


def home_edit_path(editor):
    status, _, html = editor.request("/admin/pages/")
    marker = b'href="/admin/pages/'
    for chunk in html.split(marker)[1:]:
        page_id = chunk.split(b"/", 1)[0]
        if page_id.isdigit() and int(page_id) > 1:
            path = f"/admin/pages/{int(page_id)}/edit/"
            if editor.request(path)[0] == 200:
                return path
    raise RuntimeError("no editable page found")


def main():
    seconds = float(os.environ.get("SOAK_SECONDS", "60"))
    with tempfile.TemporaryDirectory(prefix="inpud-soak-") as folder:
        print(f"Soak: {CLIENTS} concurrent visitors, {seconds:.0f} s, then the database stopped")
        figures, failures = run_soak(Path(folder), seconds=seconds)
    for name, value in figures.items():
        print(f"  {name}: {value}")
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("Soak passed: no 5xx under load, friendly 503 during the outage, recovered by itself.")


if __name__ == "__main__":
    main()
