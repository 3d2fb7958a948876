"""The production web server: waitress, configured from the environment.

Why waitress (README, "Serving"): its I/O thread reads each request whole, headers and
body, before a worker thread sees it, and buffers each response whole before the socket
takes it, so a client that sends or reads slowly costs a socket and a buffer, never one of
the threads that run the site. gunicorn's sync workers each wait on one slow client.

Timeouts and limits, set deliberately (HOST, PORT, WEB_CONCURRENCY, and the variables
below in README's table):
- SERVER_IDLE_TIMEOUT (channel_timeout): a connection that sends or reads nothing for this
  many seconds is closed, mid-request included; checked every SERVER_IDLE_TIMEOUT / 2 s.
- SERVER_CONNECTION_LIMIT: open connections at most; beyond it new ones wait in the
  listen backlog. Each costs a file descriptor and a buffer, so it is far above what a
  small site's visitors need and below the process's descriptor limit.
- a request whose Content-Length exceeds MAX_UPLOAD_MB is answered 413 as soon as its
  headers arrive, before any of the body is read; headers above 64 KB get 431.
"""

import fcntl
import logging
import os
import sys
import time

import environ

env = environ.Env()
log = logging.getLogger("inpud.access")


def access_logged(application, with_ip):
    """One line per request on stdout: the request line, status, size and time. Visitors
    may be criminalised for what they read: no IP address unless ACCESS_LOG_IP=1."""

    def logged(environ, start_response):
        started = time.perf_counter()
        answer = {}

        def recording_start_response(status, headers, exc_info=None):
            answer["status"] = status.split(" ", 1)[0]
            answer["length"] = next((v for k, v in headers if k.lower() == "content-length"), "-")
            return start_response(status, headers, exc_info)

        try:
            return application(environ, recording_start_response)
        finally:
            query = environ.get("QUERY_STRING")
            target = environ.get("PATH_INFO", "") + (f"?{query}" if query else "")
            who = environ.get("REMOTE_ADDR", "-") if with_ip else "-"
            log.info(
                '%s [%s] "%s %s %s" %s %s %.0fms',
                who,
                time.strftime("%d/%b/%Y:%H:%M:%S %z"),
                environ.get("REQUEST_METHOD"),
                target,
                environ.get("SERVER_PROTOCOL"),
                answer.get("status", "-"),
                answer.get("length", "-"),
                (time.perf_counter() - started) * 1000,
            )

    return logged


def hold_server_lock(path):
    """Hold an exclusive lock on path while this process serves: `manage.py restore`
    refuses to run while it is held. The kernel drops it when the process ends, however
    it ends, so a crash leaves no stale lock."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    handle = open(path, "a")  # noqa: SIM115 (kept open for the life of the process)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        sys.exit(f"Another server holds {path}: is the site already running?")
    return handle


def main():
    if env.bool("DEBUG", default=True):
        sys.exit("Refusing to serve in production mode with DEBUG on: set DEBUG=0.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inpud.settings")
    from django.conf import settings
    from waitress import serve

    from inpud.wsgi import application

    lock = hold_server_lock(settings.SERVER_LOCK_FILE)  # noqa: F841 (held until exit)
    handler = logging.StreamHandler(sys.stdout)
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False
    if env.bool("ACCESS_LOG", default=True):
        application = access_logged(application, env.bool("ACCESS_LOG_IP", default=False))
    idle_timeout = env.int("SERVER_IDLE_TIMEOUT", default=30)
    serve(
        application,
        listen=f"{env.str('HOST', default='0.0.0.0')}:{env.int('PORT', default=8000)}",  # noqa: S104
        threads=env.int("WEB_CONCURRENCY", default=6),
        connection_limit=env.int("SERVER_CONNECTION_LIMIT", default=1000),
        channel_timeout=idle_timeout,
        cleanup_interval=max(1, idle_timeout // 2),
        # poll(), not select(): select() cannot watch descriptors above 1024.
        asyncore_use_poll=True,
        backlog=2048,
        max_request_body_size=settings.MAX_REQUEST_BODY_SIZE + 1,  # waitress refuses >=
        max_request_header_size=64 * 1024,
        ident="",  # no Server header naming the software
        # waitress logs queue depth and client disconnects; errors inside the site are
        # Django's to log (and Sentry's to send).
        log_socket_errors=False,
        # waitress drops X-Forwarded-* unless told a proxy is trusted; Django reads them
        # itself, as configured (TRUST_X_FORWARDED_PROTO, TRUSTED_PROXY_COUNT).
        clear_untrusted_proxy_headers=False,
    )


if __name__ == "__main__":
    main()
