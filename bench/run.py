"""`make bench`: throughput and latency of pages against a static file from the same server.

Starts the production start path (gunicorn, DEBUG off) on loopback with its own SQLite
database, then loads each URL with a fixed number of concurrent keep-alive clients for a
bounded time and request count. Timings vary between machines; the ratio page/static,
measured in the same run, is the figure to compare.
"""

import http.client
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.servers import fetch, production_server  # noqa: E402

CONNECTIONS = 4
SECONDS = 5.0
MAX_REQUESTS = 20_000


def load(base, path, connections=CONNECTIONS, seconds=SECONDS, max_requests=MAX_REQUESTS):
    """Requests/s and latencies (ms) of GET path, bounded by time and by request count."""
    host = urlsplit(base)
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
                conn.request("GET", path, headers={"Accept-Encoding": "gzip, br"})
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


def static_path_of(base, page_path):
    html = fetch(base + page_path)[2].decode()
    return html.split('rel="stylesheet" href="')[1].split('"')[0]


def report(name, result, baseline=None):
    ratio = f"  ratio page/static {result['rps'] / baseline['rps']:.2f}" if baseline else ""
    print(
        f"{name:<28} {result['rps']:8.1f} req/s  p50 {result['p50']:6.1f} ms  "
        f"p99 {result['p99']:6.1f} ms  ({result['requests']} ok, {result['errors']} errors){ratio}"
    )


def main():
    with tempfile.TemporaryDirectory() as folder, production_server(Path(folder)) as base:
        print(
            f"Server: {base} (gunicorn, DEBUG off); {CONNECTIONS} connections, {SECONDS:.0f} s each"
        )
        static = static_path_of(base, "/en/")
        load(base, "/en/", seconds=1)  # warm-up
        baseline = load(base, static)
        report(f"static {static.rsplit('/', 1)[-1]}", baseline)
        for path in ["/en/"]:
            report(f"page {path}", load(base, path), baseline)


if __name__ == "__main__":
    main()
