import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent

# Asks /healthz through Django's test client in a fresh process whose database is given
# by DATABASE_URL, so the database really is (un)reachable rather than mocked.
PROBE = """
import django
django.setup()
from django.test import Client
response = Client().get("/healthz", HTTP_HOST="10.0.0.5:8000")
print(response.status_code, response.content.decode().strip(), sorted(response.cookies))
"""


def probe_healthz(database_url):
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "inpud.settings"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.django_db
def test_healthz_answers_ok_whatever_the_host_header_when_the_database_answers(client):
    response = client.get("/healthz", HTTP_HOST="10.0.0.5:8000")

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response.cookies == {}


def test_healthz_answers_503_when_the_database_is_unreachable():
    # Port 9 (discard) on loopback: nothing listens there, the connection is refused.
    assert probe_healthz("postgres://postgres@127.0.0.1:9/inpud") == "503 database unavailable []"


def test_healthz_answers_503_when_the_sqlite_file_cannot_be_opened(tmp_path):
    missing = tmp_path / "no-such-folder" / "db.sqlite3"

    assert probe_healthz(f"sqlite:///{missing}") == "503 database unavailable []"
