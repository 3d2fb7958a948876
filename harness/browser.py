"""Debian's chromium as the tests, the audit and the screenshot tool launch it.

No browser is downloaded: Playwright drives the system's chromium, and these flags keep
it from reaching any host (the machine's network is closed; Chromium's background
services would otherwise try).
"""

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
