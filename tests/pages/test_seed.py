"""`manage.py load_site_content` ships INPUD's own text, once, and never overwrites edits."""

import re
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from wagtail.models import Page, PageLogEntry, Revision

from pages.models import AimsPage, GovernancePage, PrinciplesPage

pytestmark = pytest.mark.django_db

SEED = yaml.safe_load((Path(__file__).parents[2] / "pages/content/site.yaml").read_text())


def load():
    call_command("load_site_content", stdout=open("/dev/null", "w"))  # noqa: SIM115


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip()


def test_seed_builds_the_tree_at_the_expected_urls(client):
    load()

    for path in [
        "/en/",
        "/en/about/",
        "/en/about/aims/",
        "/en/about/principles/",
        "/en/about/governance/",
        "/en/about/vancouver-declaration/",
        "/en/privacy/",
    ]:
        assert client.get(path).status_code == 200, path


def test_seeded_aims_are_inpuds_seven_aims_in_order(client):
    load()

    html = client.get("/en/about/aims/").content.decode()
    items = re.findall(r"<li><p>(.*?)</p></li>", html, re.S)

    assert len(items) == 7
    assert [text_of(i) for i in items] == [" ".join(a.split()) for a in SEED["aims"]["items"]]
    assert items[0] == (
        "To advocate and lobby at the international level for the rights of people who use drugs."
    )


def test_seeded_principles_are_the_six_principles(client):
    load()

    html = client.get("/en/about/principles/").content.decode()

    assert re.findall(r"<li><p>(.*?)</p></li>", html) == SEED["principles"]["items"]
    assert len(SEED["principles"]["items"]) == 6


def test_about_shows_inpuds_text_the_declaration_and_a_strategic_plan_pdf(client):
    load()

    html = client.get("/en/about/").content.decode()
    pdf_url = re.search(r'href="([^"]+)"[^>]*>Read INPUD’s Strategic Plan</a>', html).group(1)
    download = client.get(pdf_url)

    assert "seeks to promote the health and defend the rights of people who use drugs" in html
    assert 'href="/en/about/vancouver-declaration/">The Vancouver Declaration</a>' in html
    assert pdf_url == "/en/resources/strategic-plan/"  # the permanent link, never a file
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


def test_governance_links_the_articles_of_association_pdf(client):
    load()

    html = client.get("/en/about/governance/").content.decode()
    pdf_url = re.search(r'href="([^"]+)"[^>]*>Articles of Association</a>', html).group(1)

    assert client.get(pdf_url)["Content-Type"] == "application/pdf"


def test_home_links_to_every_section(client):
    load()

    html = client.get("/en/").content.decode()

    for path in ["/en/about/", "/en/about/aims/", "/en/about/principles/", "/en/about/governance/"]:
        assert f'href="{path}"' in html


def test_every_seeded_version_is_listed_in_its_pages_history(admin_client):
    load()

    for page in Page.objects.filter(depth__gt=1):
        history = admin_client.get(f"/admin/pages/{page.pk}/history/").content.decode()
        # Wagtail lists a version's links only on a logged save; without them the first
        # version could never be previewed or rolled back to from the admin.
        assert f'href="/admin/pages/{page.pk}/revisions/{page.live_revision_id}/view/"' in history


def test_second_run_changes_nothing():
    load()
    counts = (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count())

    load()

    assert (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count()) == counts


def test_editors_changes_survive_a_rerun(client):
    load()
    aims = AimsPage.objects.get()
    aims.aims = [("aim", "<p>An aim an editor wrote.</p>")]
    aims.save_revision().publish()
    governance = GovernancePage.objects.get()
    governance.title = "How we are run"
    governance.save_revision().publish()
    PrinciplesPage.objects.get().delete()

    load()

    assert not PrinciplesPage.objects.exists()  # a deletion is an edit too
    assert [block.value.source for block in AimsPage.objects.get().aims] == [
        "<p>An aim an editor wrote.</p>"
    ]
    assert GovernancePage.objects.get().title == "How we are run"
    assert client.get("/en/resources/strategic-plan/")["Content-Type"] == "application/pdf"
