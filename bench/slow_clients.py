"""Slow clients against the production server: does a normal visitor still get pages?

100 connections that each hold the server's attention as cheaply as an attacker can: most
trickle their request headers or their request body a few bytes at a time, a few request a
large file and read it a kilobyte at a time through a tiny receive buffer. While they are
held (SLOW_SECONDS), one normal client fetches /en/ again and again; its latencies are
printed beside the same client's with no slow connections. Everything is bounded: the
slow connections stop at their deadline, every socket has a timeout, the normal client
stops after its time or MAX_REQUESTS.
"""

import http.client
import socket
import statistics
import threading
import time
from urllib.parse import urlsplit

SLOW_CONNECTIONS = 100
SLOW_READERS = 6
SLOW_SECONDS = 30.0
BASELINE_SECONDS = 10.0
MAX_REQUESTS = 200_000
TRICKLE_INTERVAL = 1.0  # seconds between the few bytes a slow client sends


def _percentile(values, fraction):
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * fraction) - 1)] if ordered else float("nan")


def normal_client(base, path, seconds, timeout=10.0):
    """One visitor fetching path back to back: latencies (ms) of 200 answers, and failures."""
    host = urlsplit(base)
    latencies, failures = [], 0
    deadline = time.monotonic() + seconds
    conn = None
    while time.monotonic() < deadline and len(latencies) + failures < MAX_REQUESTS:
        started = time.perf_counter()
        try:
            conn = conn or http.client.HTTPConnection(host.hostname, host.port, timeout=timeout)
            conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
            response = conn.getresponse()
            response.read()
            if response.status == 200:
                latencies.append((time.perf_counter() - started) * 1000)
            else:
                failures += 1
        except OSError:
            failures += 1
            conn.close()
            conn = None
    if conn is not None:
        conn.close()
    return {
        "requests": len(latencies) + failures,
        "failures": failures,
        "p50": statistics.median(latencies) if latencies else float("nan"),
        "p99": _percentile(latencies, 0.99),
        "max": max(latencies) if latencies else float("nan"),
    }


class SlowConnection(threading.Thread):
    """One slow client of a given kind, reconnecting if the server closes it, until its
    deadline. `kind` is "headers", "body" or "reader"."""

    def __init__(self, base, kind, deadline, reader_path, stop):
        super().__init__(daemon=True)
        self.address = (urlsplit(base).hostname, urlsplit(base).port)
        self.kind, self.deadline, self.reader_path, self.stop = kind, deadline, reader_path, stop
        self.connects = 0
        self.closed_by_server = 0

    def connect(self):
        sock = socket.socket()
        if self.kind == "reader":
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.settimeout(5)
        sock.connect(self.address)
        self.connects += 1
        return sock

    def steps(self):
        host = f"Host: {self.address[0]}:{self.address[1]}\r\n"
        if self.kind == "headers":
            yield f"GET /en/ HTTP/1.1\r\n{host}".encode()
            for n in range(10_000):
                yield f"X-Slow-{n}: a\r\n".encode()
        elif self.kind == "body":
            yield (
                f"POST /en/ HTTP/1.1\r\n{host}Content-Type: application/x-www-form-urlencoded\r\n"
                "Content-Length: 100000\r\n\r\n"
            ).encode()
            for _ in range(10_000):
                yield b"a=b&"
        else:
            yield f"GET {self.reader_path} HTTP/1.1\r\n{host}\r\n".encode()

    def run(self):
        while not self.stop.is_set() and time.monotonic() < self.deadline:
            try:
                sock = self.connect()
            except OSError:
                self.stop.wait(TRICKLE_INTERVAL)
                continue
            try:
                self.hold(sock)
            except OSError:
                self.closed_by_server += 1
            finally:
                sock.close()

    def hold(self, sock):
        for chunk in self.steps():
            sock.sendall(chunk)
            if self.kind == "reader":
                break
            if self.stop.wait(TRICKLE_INTERVAL) or time.monotonic() > self.deadline:
                return
        while self.kind == "reader" and time.monotonic() < self.deadline:
            try:
                if not sock.recv(1024):
                    self.closed_by_server += 1
                    return
            except TimeoutError:
                pass
            if self.stop.wait(TRICKLE_INTERVAL):
                return


def run(base, reader_path, path="/en/"):
    """Baseline, then the same client under slow connections; returns both summaries."""
    normal_client(base, path, 1)  # warm-up: the page cache holds the page
    baseline = normal_client(base, path, BASELINE_SECONDS)
    stop = threading.Event()
    deadline = time.monotonic() + SLOW_SECONDS + 5
    trickling = SLOW_CONNECTIONS - SLOW_READERS
    kinds = ["headers"] * (trickling // 2) + ["body"] * (trickling - trickling // 2)
    kinds += ["reader"] * SLOW_READERS
    slow = [SlowConnection(base, kind, deadline, reader_path, stop) for kind in kinds]
    for connection in slow:
        connection.start()
    time.sleep(3)  # the slow connections are all open before the visitor arrives
    try:
        loaded = normal_client(base, path, SLOW_SECONDS)
    finally:
        stop.set()
        for connection in slow:
            connection.join(10)
    loaded["slow_connects"] = sum(c.connects for c in slow)
    return baseline, loaded


def report(baseline, loaded):
    print(
        f"\nSlow clients: {SLOW_CONNECTIONS} connections ({SLOW_CONNECTIONS - SLOW_READERS} "
        f"trickling headers or bodies, {SLOW_READERS} slow readers) held "
        f"{SLOW_SECONDS:.0f} s; one normal client fetching /en/"
    )
    for label, r in [("no slow connections", baseline), ("100 slow connections", loaded)]:
        print(
            f"  {label:<22} p50 {r['p50']:7.1f} ms  p99 {r['p99']:7.1f} ms  max {r['max']:7.1f} ms"
            f"  ({r['requests']} requests, {r['failures']} not 200)"
        )
    print(f"  slow connections opened (reconnects included): {loaded['slow_connects']}")


if __name__ == "__main__":
    import sys

    report(*run(sys.argv[1], sys.argv[2]))
