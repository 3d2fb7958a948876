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


def test_production_starts_with_a_secret_key():
    result = run_check(DEBUG="0", SECRET_KEY="x" * 50, ALLOWED_HOSTS="inpud.example")

    assert result.returncode == 0, result.stderr


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
