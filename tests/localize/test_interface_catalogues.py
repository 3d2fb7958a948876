"""Every interface string has a French, Spanish and Russian translation.

Runs Django's makemessages (GNU gettext) on a copy of the project, merging the committed
catalogues, and fails on any msgid left untranslated or fuzzy: a new {% translate %} in a
template without its translations fails here.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.conftest import require

PROJECT = Path(__file__).resolve().parents[2]
SOURCES = [
    "manage.py",
    "inpud",
    "mirrors",
    "pages",
    "documents",
    "news",
    "contact",
    "sitewide",
    "hosting",
    "signin",
    "templates",
    "locale",
]


@pytest.fixture(scope="module")
def refreshed_catalogues(tmp_path_factory):
    require(
        bool(shutil.which("xgettext") and shutil.which("msgmerge")),
        "GNU gettext (apt install gettext)",
    )
    copy = tmp_path_factory.mktemp("catalogues")
    for name in SOURCES:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(
                source, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
            )
        else:
            shutil.copy(source, copy / name)
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "fr",
            "-l",
            "es",
            "-l",
            "ru",
            "--no-obsolete",
        ],
        cwd=copy,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "inpud.settings"},
        check=True,
        capture_output=True,
        timeout=300,
    )
    return copy / "locale"


@pytest.mark.parametrize("language", ["fr", "es", "ru"])
def test_every_interface_string_is_translated(refreshed_catalogues, language):
    catalogue = polib.pofile(str(refreshed_catalogues / language / "LC_MESSAGES" / "django.po"))

    missing = [entry.msgid for entry in catalogue if not entry.translated() or entry.obsolete]

    assert len(catalogue) > 20
    assert missing == [], (
        f"untranslated in {language}.po (run makemessages, then translate): {missing}"
    )


@pytest.mark.parametrize("language", ["fr", "es", "ru"])
def test_committed_catalogue_is_up_to_date(refreshed_catalogues, language):
    committed = polib.pofile(str(PROJECT / "locale" / language / "LC_MESSAGES" / "django.po"))
    refreshed = polib.pofile(str(refreshed_catalogues / language / "LC_MESSAGES" / "django.po"))

    assert {e.msgid for e in refreshed} == {e.msgid for e in committed}
