"""Screenshots the browser tests saved in this run, listed at the end of the test output
(tests/conftest.py) so that CI logs show where to find them; the wait for the live server
to finish what a browser asked. How the browser is launched is harness/browser.py."""

import sys
import threading
import time

SAVED_SCREENSHOTS = []


def requests_in_flight():
    """Live-server threads inside Django answering a request (a thread idle on a kept-alive
    connection is not): what they still read or write would meet the next test's database."""
    frames = sys._current_frames()
    running = []
    for thread in threading.enumerate():
        frame = frames.get(thread.ident) if thread is not threading.current_thread() else None
        while frame is not None:
            code = frame.f_code
            if code.co_name == "get_response" and "django/core/handlers" in code.co_filename:
                running.append(thread)
                break
            frame = frame.f_back
    return running


def wait_for_requests_in_flight(seconds=15.0):
    """Until the live server answers nothing (bounded): a test's teardown empties the
    database, and a request still reading it would make that fail ("table is locked") or
    a backup wait."""
    deadline = time.monotonic() + seconds
    while requests_in_flight():
        if time.monotonic() > deadline:
            raise AssertionError(f"the live server was still answering after {seconds:g} s")
        time.sleep(0.02)
