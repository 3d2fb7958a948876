"""Editors publishing at the same moment as each other, while visitors read: the production
start path (waitress with several threads) on SQLite, the embedded default, in a file as
`make serve` and the image use it, and on PostgreSQL. Nobody gets an error page, no
"database is locked", and every publish an editor was told about is on the site."""

import pytest

from harness import servers
from harness.editing_load import (
    EDITED_PAGES,
    LOCKED,
    count_in_log,
    missing_publishes,
    run_load,
    summary,
)
from harness.services import postgres_available, seeded_postgres_site
from tests.conftest import require

LOAD_SECONDS = 20


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'app' / 'db.sqlite3'}"
        return
    require(postgres_available(), "PostgreSQL at 127.0.0.1:5432 (TEST_POSTGRES_URL)")
    with seeded_postgres_site(tmp_path / "app") as url:
        yield url


def test_editors_publishing_together_while_visitors_read_get_no_error_and_lose_nothing(
    database_url, tmp_path
):
    folder = tmp_path / "app"
    folder.mkdir(exist_ok=True)
    settings = {"WEB_CONCURRENCY": "4"}
    # Either way a copy of the test run's seeded site; on SQLite, the server's own.
    if not database_url.startswith("sqlite:"):
        settings["DATABASE_URL"] = database_url
    with servers.production_server(folder, **settings) as base:
        env = servers.production_env(folder, 0, **settings)
        load = run_load(base, database_url, env, LOAD_SECONDS)
        missing = missing_publishes(load, database_url, base)
    figures = summary(load, count_in_log(folder / "server.log", LOCKED))

    assert load.server_errors == 0, figures
    assert figures["locked_in_server_log"] == 0, figures
    assert load.failures == [], figures
    assert missing == [], figures
    # Every editor published, the two on one page included, and visitors were served.
    assert {editor for titles in load.published.values() for editor, _ in titles} == {
        f"editor{number}" for number in range(1, len(EDITED_PAGES) + 1)
    }, figures
    assert load.visitor_requests() > 0, figures
