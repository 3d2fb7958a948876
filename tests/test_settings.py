import os
import subprocess
import sys
from pathlib import Path

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


def test_e_mail_is_configured_from_email_url():
    script = (
        "from django.conf import settings as s;"
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS, s.DEFAULT_FROM_EMAIL)"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(DJANGO_SETTINGS_MODULE="inpud.settings")

    def settings_with(**variables):
        return subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", script],
            cwd=PROJECT, env={**env, **variables}, capture_output=True, text=True, timeout=120,
        ).stdout.splitlines()[-1].split()  # fmt: skip

    assert settings_with()[0] == "django.core.mail.backends.console.EmailBackend"
    assert settings_with(
        EMAIL_URL="smtp+tls://user:pw@mail.example:587", DEFAULT_FROM_EMAIL="web@inpud.example"
    ) == ["django.core.mail.backends.smtp.EmailBackend", "mail.example", "587", "True",
          "web@inpud.example"]  # fmt: skip
    production = settings_with(
        DEBUG="0", SECRET_KEY="x" * 50, WAGTAILADMIN_BASE_URL="https://inpud.example"
    )
    assert production[0] == "django.core.mail.backends.dummy.EmailBackend"  # nothing is sent


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
