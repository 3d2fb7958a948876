"""Only a database that cannot be reached is an outage (the friendly 503); any other
database error is a bug: the plain 500 page, logged with its traceback.

The errors are real ones, raised by the real drivers through Django's own wrappers: a
connection to a closed port, an SQLite file in a folder that does not exist, a syntax
error, a bad value, a duplicate key, a connection the server ended.
"""

import logging

import psycopg
import pytest
from django.db import DatabaseError, connection, transaction
from django.db.backends.base.base import NO_DB_ALIAS
from django.db.utils import ConnectionHandler, load_backend
from django.http import HttpResponse
from django.test import Client
from django.urls import path

from harness.services import POSTGRES_ADMIN_URL, postgres_available
from hosting.outage import is_outage
from tests.conftest import require

# PostgreSQL on a loopback port where nothing listens (9: discard), as in the outage test.
REFUSING = {
    "ENGINE": "django.db.backends.postgresql",
    "NAME": "inpud",
    "HOST": "127.0.0.1",
    "PORT": "9",
}


@pytest.fixture(autouse=True)
def own_connections(django_db_blocker):
    """These tests open connections of their own, besides (or without) the test database."""
    with django_db_blocker.unblock():
        yield


def database(settings_dict):
    """A Django connection of its own (not the tests' database), from its settings."""
    settings_dict = {"OPTIONS": {}, **settings_dict}
    if "postgresql" in settings_dict["ENGINE"]:
        settings_dict["OPTIONS"] = {"connect_timeout": 5}
    configured = ConnectionHandler({"default": settings_dict}).settings["default"]
    # Django's alias for side connections: django.contrib.postgres then leaves it alone.
    return load_backend(configured["ENGINE"]).DatabaseWrapper(configured, NO_DB_ALIAS)


def error_of(run):
    with pytest.raises(DatabaseError) as caught:
        run()
    return caught.value


def execute(wrapper, sql):
    with wrapper.cursor() as cursor:
        cursor.execute(sql)


def machine_postgres():
    require(postgres_available(), "PostgreSQL on 127.0.0.1:5432 (TEST_POSTGRES_URL)")
    info = psycopg.conninfo.conninfo_to_dict(POSTGRES_ADMIN_URL)
    return database(
        {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": info.get("dbname", "postgres"),
            "USER": info.get("user", "postgres"),
            "PASSWORD": info.get("password", ""),
            "HOST": info.get("host", "127.0.0.1"),
            "PORT": info.get("port", "5432"),
        }
    )


# The classification ---------------------------------------------------------------------


def test_a_refused_postgresql_connection_is_an_outage():
    error = error_of(database(REFUSING).ensure_connection)

    assert is_outage(error)


def test_an_sqlite_file_that_cannot_be_opened_is_an_outage(tmp_path):
    missing = database(
        {"ENGINE": "django.db.backends.sqlite3", "NAME": tmp_path / "gone" / "db.sqlite3"}
    )

    assert is_outage(error_of(missing.ensure_connection))


@pytest.mark.parametrize(
    "sql",
    [
        "SELEC 1",  # syntax error
        "SELECT no_such_column FROM sqlite_master",
        "SELECT * FROM search WHERE search MATCH '\"naloxone'",  # fts5: syntax error
        "SELECT * FROM search WHERE search MATCH 'javascript:alert'",  # fts5: no such column
    ],
)
def test_an_sqlite_query_the_database_refuses_is_not_an_outage(sql):
    sqlite = database({"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"})
    execute(sqlite, "CREATE VIRTUAL TABLE search USING fts5(title)")
    execute(sqlite, "SELECT * FROM search WHERE search MATCH 'naloxone'")  # control: works

    assert not is_outage(error_of(lambda: execute(sqlite, sql)))
    sqlite.close()


@pytest.mark.parametrize(
    "sql",
    [
        "SELEC 1",  # ProgrammingError
        "SELECT 'abc'::int",  # DataError
        "SELECT 9223372036854775808::bigint",  # DataError: what a huge page number gave
        "CREATE TEMP TABLE t (id int UNIQUE); INSERT INTO t VALUES (1), (1)",  # IntegrityError
        "SET statement_timeout = 1; SELECT pg_sleep(1)",  # a slow query, cancelled
    ],
)
def test_a_postgresql_query_the_database_refuses_is_not_an_outage(sql):
    postgres = machine_postgres()
    execute(postgres, "SELECT 1")  # control: the server answers

    assert not is_outage(error_of(lambda: execute(postgres, sql)))
    postgres.close()


def test_a_postgresql_connection_ended_by_the_server_is_an_outage():
    """What a server shutting down does to open connections: the next query fails, and so
    does every one after it on that connection."""
    postgres = machine_postgres()
    with postgres.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])

    ended = error_of(lambda: execute(postgres, "SELECT 1"))  # 57P01 admin_shutdown
    closed = error_of(lambda: execute(postgres, "SELECT 1"))

    assert is_outage(ended)
    assert is_outage(closed)
    postgres.close()


def test_errors_that_are_not_database_errors_are_not_outages():
    assert not is_outage(ValueError("Exceeds the limit (4300 digits)"))
    assert not is_outage(None)


# What visitors get --------------------------------------------------------------------


def refused_database(request):
    database(REFUSING).ensure_connection()
    return HttpResponse("unreachable")


def bad_query(request):
    with connection.cursor() as cursor:
        cursor.execute("SELEC 1")
    return HttpResponse("unreachable")


urlpatterns = [
    path("refused/", refused_database),
    path("bad-query/", bad_query),
]
handler500 = "hosting.outage.server_error"


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_an_unreachable_database_gives_the_friendly_503():
    response = Client(raise_request_exception=False).get("/refused/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Back soon" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.urls(__name__)
def test_a_query_the_database_refuses_is_a_plain_500_and_is_logged(caplog):
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = Client(raise_request_exception=False).get("/bad-query/")

    assert response.status_code == 500
    assert "Back soon" not in response.content.decode()
    assert "Retry-After" not in response
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info and isinstance(record.exc_info[1], DatabaseError)
    with transaction.atomic():  # the site's database is fine: the request was rolled back
        execute(connection, "SELECT 1")
