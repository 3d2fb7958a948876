"""Start the production start path (bin/start-production) on loopback for tests and benchmarks."""

import atexit
import contextlib
import fcntl
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path

import requests
from requests.structures import CaseInsensitiveDict

from harness import totp

PROJECT = Path(__file__).resolve().parent.parent
# (server base URL, username) -> TOTP secret set up through AdminSession.login
TOTP_SECRETS = {}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# Loopback servers only: no proxy, .netrc or CA bundle from the environment
# (requests' trust_env), so a proxy set for the machine never sees a test request.
def _session() -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    return session


def _answer(response: requests.Response) -> tuple[int, CaseInsensitiveDict, bytes]:
    """(status, headers, body) with the body as sent: `Content-Encoding` stays
    undecoded, as tests of compression read it (requests would decode gzip and br)."""
    with response:
        body = response.raw.read(decode_content=False)
    return response.status_code, response.headers, body


def fetch(url, headers=None, method="GET"):
    """(status, headers, body) of one request, following redirects; HTTP errors are answers,
    not exceptions (connection failures raise requests' errors, which are OSErrors).
    Headers are case-insensitive; several Set-Cookie headers come joined by ", "."""
    # Asks for the body unencoded unless the caller says otherwise, as a plain client does
    # (requests' default would ask for gzip and br).
    headers = {"Accept-Encoding": "identity", **(headers or {})}
    with _session() as session:
        return _answer(session.request(method, url, headers=headers, timeout=10, stream=True))


def subprocess_env(**extra):
    """The test process's environment for a subprocess, less what only the browser tests
    need in-process (DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly refuses)."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {**env, **extra}


def production_env(folder, port, **extra):
    return {
        **subprocess_env(),
        "DJANGO_SETTINGS_MODULE": "inpud.settings",
        "DEBUG": "0",
        "SECRET_KEY": "local-test-only-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        # As `make serve`: plain HTTP on loopback, no redirect to HTTPS.
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "STATIC_ROOT": str(folder / "static"),
        "CACHE_DIR": str(folder / "cache"),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        **extra,
    }


# What every production server of a test session starts from, made once: collected static
# files, and a database brought up by the start path itself (migrations, first content)
# with the media its content uploaded. Servers get their own copies (static files as hard
# links), so none sees another's writes; collecting and seeding took most of a start.
_SESSION_FOLDER = None


# tests/conftest.py names one folder for the whole test run, shared by its pytest-xdist
# workers (they inherit the environment) and removed at its end; elsewhere (bench/) each
# process makes its own.
SHARED_FOLDER_VARIABLE = "INPUD_TEST_SERVERS_FOLDER"


def session_folder() -> Path:
    global _SESSION_FOLDER
    if _SESSION_FOLDER is None:
        if os.environ.get(SHARED_FOLDER_VARIABLE):
            _SESSION_FOLDER = Path(os.environ[SHARED_FOLDER_VARIABLE])
        else:
            _SESSION_FOLDER = Path(tempfile.mkdtemp(prefix="inpud-servers-"))
            atexit.register(shutil.rmtree, _SESSION_FOLDER, ignore_errors=True)
    return _SESSION_FOLDER


def made_once(name, command, timeout, before=None, **extra_env) -> Path:
    """A folder made by one manage.py command once per test run, whichever worker asks
    first; the others wait for it (a kernel lock, released however its holder ends).
    `before()`, if given, runs first, under the same lock."""
    folder = session_folder() / name
    with open(session_folder() / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "done").exists():
            if before is not None:
                before()
            env = production_env(folder, 0, **extra_env)
            subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=PROJECT,
                env=env,
                check=True,
                timeout=timeout,
            )
            (folder / "done").touch()
    return folder


def _collected_static() -> Path:
    return made_once("collected", ["collectstatic", "--noinput", "-v0"], timeout=180)


def _seeded_site() -> Path:
    return made_once("seeded", ["prepare_database", "-v0"], timeout=300)


def _link_or_copy(source, target):
    try:
        os.link(source, target)
    except OSError:  # another file system
        shutil.copy2(source, target)


def _copy_collected_static(folder: Path):
    collected = _collected_static()
    shutil.copytree(collected / "static", folder / "static", copy_function=_link_or_copy)
    shutil.copy2(collected / "static-manifest.json", folder / "static-manifest.json")


def _copy_seeded_site(folder: Path):
    seeded = _seeded_site()
    shutil.copy2(seeded / "db.sqlite3", folder / "db.sqlite3")
    if (seeded / "media").exists():
        shutil.copytree(seeded / "media", folder / "media")


@contextlib.contextmanager
def production_server(folder: Path, startup_seconds=120, prepare=None, **extra_env):
    """Run bin/start-production on collected static files, wait for /healthz, yield the
    base URL.

    The folder gets a copy of the session's collected static files and, unless the test
    names its own database, media or storage, of the session's seeded SQLite site (the
    start path still runs prepare_database on it, which then finds nothing to do).
    `prepare(env)`, if given, runs before the server starts (to add content, or new static
    files: the copied ones are hard links, to be added to but never changed). Stops the
    server it started (by its PID) on exit."""
    port = free_port()
    env = production_env(folder, port, **extra_env)
    folder.mkdir(parents=True, exist_ok=True)
    if "STATIC_ROOT" not in extra_env:
        _copy_collected_static(folder)
    else:
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=PROJECT,
            env=env,
            check=True,
            timeout=180,
        )
    own_site = {"DATABASE_URL", "MEDIA_ROOT", "AWS_STORAGE_BUCKET_NAME"} & set(extra_env)
    if not own_site and not (folder / "db.sqlite3").exists():
        _copy_seeded_site(folder)
    if prepare is not None:
        prepare(env)
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


class FormFields(HTMLParser):
    """The fields a browser would submit from the first <form> with the given action."""

    def __init__(self, action_contains):
        super().__init__()
        self.action_contains = action_contains
        self.in_form = False
        self.done = False
        self.fields = []
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and self.action_contains in (attrs.get("action") or ""):
            self.in_form = True
        if not self.in_form or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append(
                (attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
            )
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]
        elif tag == "select":
            self._select = [attrs["name"], None]
        elif (
            tag == "option"
            and self._select is not None
            and (self._select[1] is None or "selected" in attrs)
        ):
            self._select[1] = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self.fields.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            if self._select[1] is not None:
                self.fields.append(tuple(self._select))
            self._select = None
        elif tag == "form" and self.in_form:
            self.in_form = False
            self.done = True


def form_fields(html: bytes, action_contains: str) -> list[tuple[str, str]]:
    parser = FormFields(action_contains)
    parser.feed(html.decode())
    return parser.fields


class SignInRefused(AssertionError):
    def __init__(self, status, reason):
        super().__init__(f"{reason}: {status}")
        self.status = status


class AdminSession:
    """An editor in the Wagtail admin over plain HTTP: a requests session that keeps its
    cookies and sends the CSRF token as the admin's own forms do. Redirects are answers
    (302 and its Location), not followed."""

    def __init__(self, base, timeout=20):
        self.base = base
        self.timeout = timeout
        self.session = _session()

    @property
    def cookies(self) -> requests.cookies.RequestsCookieJar:
        return self.session.cookies

    def _cookie_header(self) -> str:
        # Production settings mark the session and CSRF cookies Secure, and the servers
        # here speak plain HTTP on 127.0.0.1: requests (http.cookiejar's policy) would
        # keep them but never send them over http, and every sign-in would fail. This
        # sends every cookie of the jar regardless of its Secure flag, deliberately and
        # only here (a loopback test server, never a real site); the jar still stores
        # them from Set-Cookie as a browser would.
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.session.cookies)

    def request(self, path, data=None, method=None, headers=None, files=None):
        """(status, headers, body); `files` maps a field to (filename, content,
        content_type) and sends `data` beside it as multipart/form-data."""
        method = method or ("GET" if data is None and files is None else "POST")
        all_headers = {"Accept-Encoding": "identity"}
        if self.session.cookies:
            all_headers["Cookie"] = self._cookie_header()
        all_headers.update(headers or {})
        response = self.session.request(
            method,
            self.base + path,
            data=data,
            files=files,
            headers=all_headers,
            allow_redirects=False,
            timeout=self.timeout,
            stream=True,
        )
        return _answer(response)

    def login(self, username, password):
        """The whole sign-in: password, then a code from the user's authenticator app, or,
        for a user who has none yet (a new superuser), its set-up, as at a first sign-in.
        TOTP secrets are remembered per server and username (TOTP_SECRETS)."""
        self.request("/accounts/login/")
        status, headers, _ = self.request(
            "/accounts/login/",
            {
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
                "login": username,
                "password": password,
                "next": "/admin/",
            },
        )
        if status != 302:
            raise SignInRefused(status, "login failed")
        key = (self.base, username)
        if headers["Location"].startswith("/accounts/2fa/authenticate/"):
            self._post_code("/accounts/2fa/authenticate/", TOTP_SECRETS[key])
        status, headers, _ = self.request("/admin/")
        if status == 302 and headers["Location"].startswith("/accounts/2fa/totp/activate/"):
            _, _, html = self.request("/accounts/2fa/totp/activate/")
            TOTP_SECRETS[key] = totp.secret_on_set_up_page(html.decode())
            self._post_code("/accounts/2fa/totp/activate/", TOTP_SECRETS[key])
            status, headers, _ = self.request("/admin/")
        if status != 200:
            raise SignInRefused(status, f"second factor failed ({headers.get('Location')})")

    def _post_code(self, path, secret):
        status, headers, _ = self.request(
            path,
            {
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
                "code": totp.fresh_code(secret),
            },
        )
        if status != 302:
            raise SignInRefused(status, f"code refused at {path}")

    def form(self, path, action_contains):
        """The fields of the form at path, as the editor's browser would submit them."""
        status, _, html = self.request(path)
        assert status == 200, status
        fields = dict(form_fields(html, action_contains))
        fields["csrfmiddlewaretoken"] = self.cookies["csrftoken"]
        return fields

    def submit(self, path, action_contains, changes, extra=None):
        """GET the form at path, change some fields, POST it back as a browser would."""
        fields = self.form(path, action_contains)
        fields.update(changes)
        fields.update(extra or {})
        return self.request(path, fields)


def create_superuser(env, username="editor", password="correct horse battery staple"):
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "createsuperuser",
            "--noinput",
            "--username",
            username,
            "--email",
            f"{username}@inpud.example",
        ],
        cwd=PROJECT,
        env={**env, "DJANGO_SUPERUSER_PASSWORD": password},
        check=True,
        capture_output=True,
        timeout=120,
    )
    return username, password
