"""Public pages stay at zero axe-core violations and zero Nu HTML checker errors, within the
weight budget, with no third-party request and no cookie (the quick half of `make audit`,
against the production start path with the seed content; Lighthouse stays in `make audit`)."""

import pytest

from harness.audit import (
    BUDGET_BYTES,
    BUDGET_REQUESTS,
    axe_violations,
    first_visit,
    load_sample_news,
    missing_tools,
    nu_errors,
    sideways_scroll,
)
from harness.servers import fetch, production_server
from tests.conftest import require

pytestmark = pytest.mark.browser

PAGES = [
    "/en/",
    "/en/about/aims/",
    "/en/about/governance/",
    "/en/resources/?q=strategic",
    "/en/resources/publications/inpud-strategic-plan-2021-2024/read/",
    "/fr/resources/publications/inpud-strategic-plan-2021-2024/read/",
    "/en/search/?q=harm",
    "/fr/about/",
    "/en/news/",
    "/en/news/?type=statement",
    "/en/news/sample-joint-statement/",
    "/en/contact/",
    "/en/about/networks/",
    "/en/no-such-page/",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    missing = missing_tools()
    require(not missing, "; ".join(missing))
    with production_server(tmp_path_factory.mktemp("audit"), prepare=load_sample_news) as base:
        yield base


def test_public_pages_have_no_axe_violations_and_stay_light_and_private(site, browser):
    found = {}
    for path in PAGES:
        context, page, visit = first_visit(browser, site + path, site)
        try:
            found[path] = {
                "axe": [(v["id"], v["nodes"]) for v in axe_violations(page)],
                "over budget": visit["bytes"] > BUDGET_BYTES or visit["requests"] > BUDGET_REQUESTS,
                "third party": visit["third_party"],
                "cookies": visit["cookies"],
                "scrolls sideways at": sideways_scroll(page),
            }
        finally:
            context.close()

    clean = {
        "axe": [],
        "over budget": False,
        "third party": [],
        "cookies": [],
        "scrolls sideways at": [],
    }
    assert found == {path: clean for path in PAGES}


def test_public_pages_have_no_nu_html_checker_errors(site):
    answers = {path: fetch(site + path) for path in PAGES}
    documents = {path: body for path, (_, _, body) in answers.items()}

    assert {path: status for path, (status, _, _) in answers.items()} == {
        path: 404 if "no-such-page" in path else 200 for path in PAGES
    }

    assert nu_errors(documents) == {path: [] for path in PAGES}
