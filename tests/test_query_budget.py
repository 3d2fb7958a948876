"""Every public page type renders (uncached, on a warm site) within 10 SQL queries.

The document library's pages are not there yet: OVER_BUDGET holds their counts today as
ceilings, so they cannot grow unnoticed while the work to bring them down is pending.
"""

import pytest
from django.core.management import call_command

from tests.factories import PersonFactory, PublicationFactory

pytestmark = pytest.mark.django_db

BUDGET = 10
PAGES = [
    "/en/",
    "/en/about/",
    "/en/about/aims/",
    "/en/about/principles/",
    "/en/about/governance/",
    "/en/about/vancouver-declaration/",
    "/en/privacy/",
    "/en/search/?q=harm",
    "/fr/",
    "/fr/about/aims/",
]
OVER_BUDGET = {
    "/en/resources/": 17,
    "/en/resources/?q=strategic": 18,
    "/en/resources/?category=strategy&language=fr&year=2021": 14,
    "/en/resources/publications/inpud-strategic-plan-2021-2024/": 22,
    "/ru/resources/": 18,
}


@pytest.fixture
def seeded_site(db):
    call_command("load_site_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    PersonFactory.create_batch(5)
    for number in range(5):
        PublicationFactory(title=f"Technical brief {number}", languages=["en", "fr"])


@pytest.mark.parametrize("path", PAGES)
def test_uncached_render_stays_within_the_query_budget(seeded_site, render_queries, path):
    assert render_queries(path) <= BUDGET


@pytest.mark.parametrize(("path", "ceiling"), OVER_BUDGET.items())
def test_library_pages_do_not_exceed_todays_counts(seeded_site, render_queries, path, ceiling):
    assert render_queries(path) <= ceiling
