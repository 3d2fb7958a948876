"""Screenshots of public pages at phone and desktop widths, with Debian's chromium.

Usage: .venv/bin/python bin/screenshots.py http://127.0.0.1:8000 /en/ /en/about/ ...
Writes artifacts/screenshots/<page>-<width>.png and prints the paths.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from harness.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

WIDTHS = {"phone": (375, 812), "desktop": (1280, 900)}
OUT = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"


def main(base, paths):
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in paths:
                page.goto(base + path)
                name = path.strip("/").replace("/", "_").replace("?", "_") or "root"
                target = OUT / f"{name}-{label}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
            page.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
