"""Every public page type renders (uncached, on a warm site) within 10 SQL queries."""

import pytest
from django.core.management import call_command

from documents.library_page import DocumentLibraryPage
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
    "/en/resources/",
    "/en/resources/?q=strategic",
    "/en/resources/?category=strategy&language=fr&year=2021",
    "/en/resources/?page=2",
    "/en/resources/publications/inpud-strategic-plan-2021-2024/",
    "/ru/resources/",
    "/ru/resources/publications/inpud-strategic-plan-2021-2024/",
]


@pytest.fixture
def seeded_site(db):
    call_command("load_site_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    PersonFactory.create_batch(5)
    for number in range(5):
        PublicationFactory(title=f"Technical brief {number}", languages=["en", "fr"])
    DocumentLibraryPage.objects.update(per_page=5)  # so that a second page of results exists


@pytest.mark.parametrize("path", PAGES)
def test_uncached_render_stays_within_the_query_budget(seeded_site, render_queries, path):
    assert render_queries(path) <= BUDGET
