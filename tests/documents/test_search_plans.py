"""On SQLite a search runs its full-text match first (one match, then a lookup per entry
found), not once per index entry of the model: prepare_database tells SQLite's planner
the search index's shape (hosting/sqlite.py). On PostgreSQL it does nothing."""

import pytest
from django.db import connection

from documents.publications import Publication
from documents.queries import search_matches
from hosting.sqlite import SEARCH_INDEX_TABLE, describe_search_index
from tests.factories import PublicationFactory

pytestmark = pytest.mark.django_db


def search_plan():
    queryset = Publication.objects.filter(pk__in=search_matches("okapi report"))
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return [row[-1] for row in cursor.fetchall()]


def match_runs_first(plan):
    match = next(i for i, step in enumerate(plan) if "VIRTUAL TABLE" in step)
    entries = next(i for i, step in enumerate(plan) if "U1" in step or SEARCH_INDEX_TABLE in step)
    return match < entries


def forget_statistics():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE sqlite_schema")
        cursor.execute("DELETE FROM sqlite_stat1")
        cursor.execute("ANALYZE sqlite_schema")


def test_a_search_matches_first_once_the_index_is_described():
    PublicationFactory(title="Okapi report")
    if connection.vendor != "sqlite":  # PostgreSQL plans from its own statistics
        describe_search_index(connection)  # nothing to do, and no error
        assert Publication.objects.filter(pk__in=search_matches("okapi report")).count() == 1
        return
    forget_statistics()
    assert not match_runs_first(search_plan())  # control: the plan this prevents

    describe_search_index(connection)

    assert match_runs_first(search_plan())
    assert Publication.objects.filter(pk__in=search_matches("okapi report")).count() == 1
