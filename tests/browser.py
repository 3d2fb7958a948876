"""Screenshots the browser tests saved in this run, listed at the end of the test output
(tests/conftest.py) so that CI logs show where to find them. How the browser is launched
is harness/browser.py."""

SAVED_SCREENSHOTS = []
