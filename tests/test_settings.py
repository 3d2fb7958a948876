import os
import subprocess
import sys
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from harness.servers import free_port
from tests.test_email import Inbox

PROJECT = Path(__file__).resolve().parent.parent


def run_check(**env_vars):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(env_vars, DJANGO_SETTINGS_MODULE="inpud.settings")
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_local_development_needs_no_variables():
    result = run_check()

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check(DEBUG="0")

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_production_starts_with_a_secret_key_and_its_address():
    result = run_check(
        DEBUG="0",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="inpud.example",
        WAGTAILADMIN_BASE_URL="https://inpud.example",
    )

    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_its_address_for_e_mail_links():
    result = run_check(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="inpud.example")

    assert result.returncode != 0
    assert "WAGTAILADMIN_BASE_URL must be set when DEBUG is off" in result.stderr


SEND_ONE_MAIL = (
    "from django.core.mail import send_mail;"
    "print('sent:', send_mail('Settings check', 'Body of the settings check', None,"
    " ['staff@inpud.example']))"
)


def send_one_mail(**variables):
    """Send one message from a fresh process configured only by its environment, as the
    site's processes are: (return code, stdout, stderr)."""
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "EMAIL_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="inpud.settings", **variables)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", SEND_ONE_MAIL],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    return result.returncode, result.stdout, result.stderr


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback (aiosmtpd, in this process): its port and inbox.
    Messages are in the inbox once the client has its 250 answer, so no waiting."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, ready_timeout=10)
    controller.start()
    yield port, inbox
    controller.stop()


PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x" * 50,
    "WAGTAILADMIN_BASE_URL": "https://inpud.example",
}


def test_mail_goes_to_the_smtp_server_named_by_email_url(smtp_server):
    port, inbox = smtp_server

    returncode, stdout, stderr = send_one_mail(
        **PRODUCTION,
        EMAIL_URL=f"smtp://127.0.0.1:{port}",
        DEFAULT_FROM_EMAIL="Web <web@inpud.example>",
    )

    assert returncode == 0, stderr
    assert "sent: 1" in stdout
    [message] = inbox.messages
    assert message["Subject"] == "Settings check"
    assert message["From"] == "Web <web@inpud.example>"
    assert message["X-Envelope-To"] == "staff@inpud.example"
    assert "Body of the settings check" in message.get_content()


def test_local_development_prints_mail_to_the_console_and_sends_none(smtp_server):
    _port, inbox = smtp_server

    returncode, stdout, stderr = send_one_mail()

    assert returncode == 0, stderr
    assert "Subject: Settings check" in stdout
    assert "Body of the settings check" in stdout
    assert inbox.messages == []


def test_production_without_email_url_sends_nothing_and_prints_nothing(smtp_server):
    # The dummy backend: the site works (send_mail answers) and no message leaves, nor
    # lands in a log. The control beside it: the same process with an EMAIL_URL sends.
    port, inbox = smtp_server

    returncode, stdout, stderr = send_one_mail(**PRODUCTION)

    assert returncode == 0, stderr
    assert "sent: 1" in stdout
    assert "Body of the settings check" not in stdout + stderr
    assert inbox.messages == []
    assert send_one_mail(**PRODUCTION, EMAIL_URL=f"smtp://127.0.0.1:{port}")[0] == 0  # control
    assert len(inbox.messages) == 1


def test_management_commands_create_files_for_their_owner_only(tmp_path):
    # What `make run` (prepare_database, runserver) and any later command, a backup
    # included, write: here the SQLite database, created as a first `make run` creates it.
    database = tmp_path / "db.sqlite3"
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(DJANGO_SETTINGS_MODULE="inpud.settings", DATABASE_URL=f"sqlite:///{database}")
    script = (
        "from django.db import connection; connection.ensure_connection();"
        f"open({str(tmp_path / 'written')!r}, 'w').write('x')"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert database.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "written").stat().st_mode & 0o777 == 0o600
