"""Start the production start path (bin/start-production) on loopback for tests and benchmarks."""

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, headers=None, method="GET"):
    """(status, headers, body) of one request; HTTP errors are answers, not exceptions."""
    request = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def production_env(folder, port, **extra):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "inpud.settings",
        "DEBUG": "0",
        "SECRET_KEY": "local-test-only-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        # As `make serve`: plain HTTP on loopback, no redirect to HTTPS.
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        **extra,
    }


@contextlib.contextmanager
def production_server(folder: Path, startup_seconds=120, **extra_env):
    """Collect static files, run bin/start-production, wait for /healthz, yield the base URL.

    Stops the server it started (by its PID) on exit."""
    port = free_port()
    env = production_env(folder, port, **extra_env)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=PROJECT,
        env=env,
        check=True,
        timeout=180,
    )
    log_path = folder / "server.log"
    base = f"http://127.0.0.1:{port}"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            ["bin/start-production"], cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + startup_seconds
            while True:
                if server.poll() is not None:
                    raise RuntimeError(f"server exited:\n{log_path.read_text()}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"server did not start:\n{log_path.read_text()}")
                with contextlib.suppress(OSError):
                    if fetch(f"{base}/healthz")[0] == 200:
                        break
                time.sleep(0.5)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=30)
