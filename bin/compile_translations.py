"""Compile locale/*/LC_MESSAGES/*.po into .mo files with polib.

Django's compilemessages needs GNU gettext installed; polib (already a wagtail-localize
dependency) does the same job in pure Python, so `make run` needs nothing else.
"""

from pathlib import Path

import polib

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def main():
    for po_path in sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
        print(f"compiled {mo_path.relative_to(LOCALE_DIR.parent)}")


if __name__ == "__main__":
    main()
