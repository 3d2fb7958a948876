import pytest
from django.core.management import call_command

from documents.models import DocumentLibraryPage, Publication

pytestmark = pytest.mark.django_db


def test_site_content_creates_the_library_and_both_permanent_links_work(client):
    call_command("load_site_content", stdout=None)
    call_command("load_site_content")  # twice: idempotent

    assert DocumentLibraryPage.objects.count() == 1
    assert Publication.objects.count() == 2
    listing = client.get("/en/resources/").content.decode()
    assert "INPUD Strategic Plan 2021-2024" in listing
    assert "INPUD Articles of Association" in listing
    for key in ["strategic-plan", "articles-of-association"]:
        response = client.get(f"/en/resources/{key}/")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
    narrowed = client.get("/en/resources/?q=strategic").content.decode()
    assert "Articles of Association" not in narrowed


def test_seeding_never_overwrites_an_editors_change():
    call_command("load_site_content")
    plan = Publication.objects.get(slug="inpud-strategic-plan-2021-2024")
    plan.summary = "Edited by an editor."
    plan.save()

    call_command("load_site_content")

    plan.refresh_from_db()
    assert plan.summary == "Edited by an editor."
    assert plan.files.get().document.title.startswith("PLACEHOLDER")
