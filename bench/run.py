"""`make bench`: throughput and latency of pages against a static file from the same server,
and editors publishing at the same time on SQLite and on PostgreSQL.

Starts the production start path (waitress, DEBUG off) on loopback with its own SQLite
database, then loads each URL with a fixed number of concurrent keep-alive clients for a
bounded time and request count. Timings vary between machines; the ratio page/static,
measured in the same run, is the figure to compare. Then several editors publish through
the admin while visitors read (harness/editing_load.py), on that SQLite server and on a
server of its own with a PostgreSQL database of its own on the machine's PostgreSQL
(dropped afterwards; skipped when PostgreSQL does not answer). The static mirror's build
(`manage.py build_mirror`) is timed at 10 and 500 publications, and rebuilt unchanged.
"""

import contextlib
import http.client
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inpud.settings")

import django  # noqa: E402

django.setup()  # the editors' load reads the page models' form definitions

import slow_clients  # noqa: E402

from harness import editing_load  # noqa: E402
from harness.servers import PROJECT, fetch, production_env, production_server  # noqa: E402
from harness.services import postgres_available, postgres_database  # noqa: E402

CONNECTIONS = 4
SECONDS = 10.0
MAX_REQUESTS = 20_000
EDITING_SECONDS = 20
EDITING_WORKERS = "4"  # web server threads for the editing load


def load(base, path, connections=CONNECTIONS, seconds=SECONDS, max_requests=MAX_REQUESTS):
    """Requests/s and latencies (ms) of GET path, bounded by time and by request count.
    path may be a function of the request number (e.g. a fresh query string each time)."""
    host = urlsplit(base)
    counter = itertools.count()
    latencies, errors = [], []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
        while time.monotonic() < deadline:
            with lock:
                if len(latencies) + len(errors) >= max_requests:
                    return
            started = time.perf_counter()
            try:
                target = path(next(counter)) if callable(path) else path
                target, host_header = target if isinstance(target, tuple) else (target, None)
                headers = {"Accept-Encoding": "gzip, br"}
                if host_header:
                    headers["Host"] = host_header
                conn.request("GET", target, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
            except OSError:
                ok = False
                conn.close()
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                (latencies if ok else errors).append(elapsed)

    threads = [threading.Thread(target=client) for _ in range(connections)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 15)
    duration = time.monotonic() - began
    latencies.sort()
    return {
        "rps": len(latencies) / duration,
        "p50": statistics.median(latencies) if latencies else float("nan"),
        "p99": latencies[int(len(latencies) * 0.99) - 1] if latencies else float("nan"),
        "requests": len(latencies),
        "errors": len(errors),
    }


def fresh(n):
    """A Host header the page cache has not seen: the cache keys on the host, with its
    port, while Django checks only the name against ALLOWED_HOSTS."""
    return f"127.0.0.1:{10_000 + n % 50_000}"


def side_by_side(base, rows, rounds=5, seconds=2.0):
    """Throughput of several URLs measured in alternating short rounds, so that a change in
    the machine's other load during the run falls on all of them alike."""
    totals = {name: [] for name in rows}
    for _ in range(rounds):
        for name, path in rows.items():
            totals[name].append(load(base, path, seconds=seconds))
    merged = {}
    for name, results in totals.items():
        merged[name] = {
            "rps": statistics.mean(r["rps"] for r in results),
            "p50": statistics.median(r["p50"] for r in results),
            "p99": max(r["p99"] for r in results),
            "requests": sum(r["requests"] for r in results),
            "errors": sum(r["errors"] for r in results),
        }
    return merged


def static_path_of(base, page_path):
    html = fetch(base + page_path)[2].decode()
    return html.split('rel="stylesheet" href="')[1].split('"')[0]


def report(name, result, baseline=None):
    ratio = f"  ratio page/static {result['rps'] / baseline['rps']:.3f}" if baseline else ""
    print(
        f"{name:<28} {result['rps']:8.1f} req/s  p50 {result['p50']:6.1f} ms  "
        f"p99 {result['p99']:6.1f} ms  ({result['requests']} ok, {result['errors']} errors){ratio}"
    )


LIBRARY = "/en/resources/"


def manage(env, *args):
    """Run a bench content command with the server's own environment (database, media)."""
    result = subprocess.run(  # noqa: S603 (our own scripts, fixed arguments)
        [sys.executable, *args],
        cwd=PROJECT,
        env=env,
        check=True,
        timeout=600,
        capture_output=True,
        text=True,
    )
    return result.stdout.strip()


def mirror_figures(env, label):
    """`manage.py build_mirror` of the server's site into a fresh folder: its time, files
    and size; then the same build again, which must rewrite nothing."""
    folder = Path(env["MEDIA_ROOT"]).parent / f"bench-mirror-{label}"
    build = ["manage.py", "build_mirror", str(folder), "--public-url", "https://www.inpud.net"]
    started = time.monotonic()
    manage(env, *build)
    seconds = time.monotonic() - started
    files = [path for path in folder.rglob("*") if path.is_file()]
    size = sum(path.stat().st_size for path in files)
    started = time.monotonic()
    again = manage(env, *build)
    rebuilt = time.monotonic() - started
    unchanged = "0 written, 0 removed" in again
    print(
        f"  mirror, {label}: {seconds:.1f} s, {len(files)} files, {size / 1024 / 1024:.1f} MB; "
        f"rebuild {rebuilt:.1f} s, {'nothing rewritten' if unchanged else 'REWROTE: ' + again}"
    )


def editing_figures(base, database_url, env, log_path):
    load = editing_load.run_load(base, database_url, env, EDITING_SECONDS)
    figures = editing_load.summary(load, editing_load.count_in_log(log_path, editing_load.LOCKED))
    figures["missing"] = len(editing_load.missing_publishes(load, database_url, base))
    figures["visitor_requests_per_second"] = load.visitor_requests() / load.seconds
    return figures


def editing_on(database):
    """The editing load on a server of its own (make serve's workers), with a new SQLite
    file or a PostgreSQL database of its own; None when PostgreSQL does not answer."""
    if database == "postgresql" and not postgres_available():
        return None
    with contextlib.ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        database_url = (
            stack.enter_context(postgres_database())
            if database == "postgresql"
            else f"sqlite:///{folder / 'db.sqlite3'}"
        )
        settings = {"DATABASE_URL": database_url, "WEB_CONCURRENCY": EDITING_WORKERS}
        base = stack.enter_context(production_server(folder, **settings))
        env = production_env(folder, 0, **settings)
        return editing_figures(base, database_url, env, folder / "server.log")


def report_editing(sqlite, postgresql):
    print(
        f"\nEditors publishing at once ({len(editing_load.EDITED_PAGES)} editors, two of them "
        f"on one page; 2 visitors reading fresh renders; {EDITING_SECONDS} s; "
        f"{EDITING_WORKERS} server threads)"
    )
    columns = {"SQLite": sqlite, "PostgreSQL": postgresql}
    print(f"{'':<30}" + "".join(f"{name:>12}" for name in columns))
    rows = [
        ("publishes per second", "publishes_per_second", "{:.2f}"),
        ("publishes", "publishes", "{}"),
        ("visitor pages per second", "visitor_requests_per_second", "{:.1f}"),
        ("5xx answers", "server_errors", "{}"),
        ('"database is locked" logged', "locked_in_server_log", "{}"),
        ("publishes missing afterwards", "missing", "{}"),
    ]
    for label, key, form in rows:
        cells = [form.format(figures[key]) if figures else "n/a" for figures in columns.values()]
        print(f"{label:<30}" + "".join(f"{cell:>12}" for cell in cells))
    if postgresql is None:
        print("  (PostgreSQL at 127.0.0.1:5432 did not answer: TEST_POSTGRES_URL)")


PERMALINK = "/en/resources/strategic-plan/"


_queries = itertools.count()  # across rounds: load() numbers each round's requests from 0


def new_query(path, _n):
    n = next(_queries)
    return f"{path}?q=bench+publication+{n % 500}" + "+bench" * (n // 500)


def searches_and_permalinks(base, static):
    """The permanent link, a library search with a new query every request and the site
    search (pages and publications), side by side with the static file in alternating
    rounds. Every search is a miss in the page cache: a new query each time (the old uncached
    rows keep one query with a new Host port each time)."""
    print(
        "\nSide by side, in alternating rounds: the static file, a series' permanent link (its"
        "\nfile, resolved from cache), and searches with a new query every request"
    )
    rows = side_by_side(
        base,
        {
            "static file": static,
            "permalink": PERMALINK,
            # A query the page cache has not seen (it keys on q as typed), finding one of
            # the 500 bench publications: its number, and "bench" once more every 500.
            "library search, new query": lambda n: new_query(LIBRARY, n),
            "site search, new query": lambda n: new_query("/en/search/", n),
            "site search uncached drugs": lambda n: ("/en/search/?q=drugs", fresh(n)),
        },
    )
    for name, result in rows.items():
        report(name, result, None if name == "static file" else rows["static file"])
    ratios = {name: r["rps"] / rows["static file"]["rps"] for name, r in rows.items()}
    print(
        f"  ratios to the static file: permalink {ratios['permalink']:.2f} (target 0.5), "
        f"library search {ratios['library search, new query']:.2f} (target 0.16), "
        f"site search {ratios['site search, new query']:.2f} / "
        f"{ratios['site search uncached drugs']:.2f} (target 0.19)"
    )
    permalink = fetch(base + PERMALINK)
    print(f"  permalink check: {permalink[0]} {permalink[1].get('Content-Type')}")


def main(only_searches=False):
    state = {}

    def prepare(env):
        folder = Path(env["MEDIA_ROOT"]).parent
        pdf = folder / "bench-5mb.pdf"
        manage(env, "bench/upload_cleaning.py", "pdf", str(pdf))  # a real 5 MB report
        manage(env, "manage.py", "migrate", "--noinput", "-v0")
        manage(env, "manage.py", "load_site_content")
        state["document_url"] = manage(env, "bench/library_content.py", "pdf", str(pdf))
        # The stored (cleaned) file as a static file, served by whitenoise from the same server.
        (Path(env["STATIC_ROOT"]) / "bench").mkdir(parents=True, exist_ok=True)
        stored = Path(env["MEDIA_ROOT"]) / "documents" / "bench-5mb.pdf"
        shutil.copy(stored, Path(env["STATIC_ROOT"]) / "bench" / "bench-5mb.pdf")
        manage(env, "bench/library_content.py", "publications", "10")
        state["env"] = env
        state["pdf"] = pdf

    with (
        tempfile.TemporaryDirectory() as folder,
        production_server(Path(folder), prepare=prepare) as base,
    ):
        print(
            f"Server: {base} (waitress, DEBUG off); {CONNECTIONS} connections, {SECONDS:.0f} s each"
        )
        static = static_path_of(base, "/en/")
        if only_searches:
            manage(state["env"], "bench/library_content.py", "publications", "500")
            load(base, PERMALINK, seconds=1)  # warm-up: resolves the permanent link
            searches_and_permalinks(base, static)
            return
        load(base, "/en/", seconds=1)  # warm-up
        baseline = load(base, static)
        report(f"static {static.rsplit('/', 1)[-1]}", baseline)
        print("\nPages as anonymous visitors get them (page cache), against the static file")
        for path in ["/en/", "/en/about/aims/", LIBRARY]:
            load(base, path, seconds=1)  # warm-up: fills the page cache
            report(f"cached {path}", load(base, path), baseline)
        print(
            "\nSide by side, in alternating rounds: a static file, the cached home page, and a"
            "\nshared link to it (a new utm_source and fbclid each request: served from cache)"
        )
        rows = side_by_side(
            base,
            {
                "static file": static,
                "cached /en/": "/en/",
                "tracking link /en/": lambda n: f"/en/?utm_source=newsletter-{n}&fbclid={n}",
            },
        )
        report("static file", rows["static file"])
        report("cached /en/", rows["cached /en/"], rows["static file"])
        report("tracking link /en/", rows["tracking link /en/"], rows["static file"])
        # A query string no longer makes a page new (hosting/query_rules.py); a Host header
        # with a new port does (the cache keys on the host, Django checks the name only).
        print("Uncached renders (a new Host port each request, so every one is a miss)")
        for path in ["/en/", "/en/about/aims/"]:
            report(f"uncached {path}", load(base, lambda n, p=path: (p, fresh(n))), baseline)

        print("\n5 MB PDF: through the site vs the same file as a static file")
        static_pdf = load(base, "/static/bench/bench-5mb.pdf")
        report("static 5 MB PDF", static_pdf)
        report("document serve 5 MB", load(base, state["document_url"]), static_pdf)
        ranged = fetch(base + state["document_url"], headers={"Range": "bytes=0-1023"})
        print(f"  Range check: {ranged[0]} {ranged[1].get('Content-Range')}")

        print("\nUpload cleaning (the editor's upload waits for it)")
        print(manage(state["env"], "bench/upload_cleaning.py", "timings", str(state["pdf"])))

        print("\nLibrary page at 10 vs 500 publications")
        load(base, LIBRARY, seconds=1)  # warm-up
        small = load(base, LIBRARY)
        report("library, 10 publications", small, baseline)
        mirror_figures(state["env"], "10 publications")
        manage(state["env"], "bench/library_content.py", "publications", "500")
        load(base, LIBRARY, seconds=1)
        large = load(base, LIBRARY)
        report("library, 500 publications", large, baseline)
        searched = load(base, LIBRARY + "?q=bench&language=fr&page=3")
        report("library search, 500", searched, baseline)
        fresh_search = load(base, lambda n: (f"{LIBRARY}?q=bench&language=fr&page=3", fresh(n)))
        report("uncached library search, 500", fresh_search, baseline)
        fresh_site_search = load(base, lambda n: ("/en/search/?q=drugs", fresh(n)))
        report("uncached site search", fresh_site_search, baseline)
        print(f"  p50 500 vs 10 publications: {large['p50'] / small['p50']:.2f}x")
        mirror_figures(state["env"], "500 publications")
        load(base, PERMALINK, seconds=1)  # warm-up: resolves the permanent link
        searches_and_permalinks(base, static)
        print("\nmake backup (manage.py backup) of this site: 500 publications, their PDFs")
        backups = Path(state["env"]["MEDIA_ROOT"]).parent / "bench-backups"
        started = time.monotonic()
        manage(state["env"], "manage.py", "backup", "--directory", str(backups))
        seconds = time.monotonic() - started
        (archive,) = backups.iterdir()
        print(f"  {seconds:.1f} s, {archive.stat().st_size / 1024 / 1024:.1f} MB archive")
        slow_clients.report(*slow_clients.run(base, "/static/bench/bench-5mb.pdf"))
    report_editing(editing_on("sqlite"), editing_on("postgresql"))


if __name__ == "__main__":
    # `python bench/run.py searches`: only the permanent link and search rows.
    main(only_searches=sys.argv[1:] == ["searches"])
