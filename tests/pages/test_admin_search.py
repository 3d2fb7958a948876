"""The admin's search boxes answer whatever an editor types: a quote, a colon, a stray
operator. Each box finds what it should with plain words (the positive control)."""

import pytest
from django.contrib.auth.models import Group

from tests.factories import (
    LibraryDocumentFactory,
    PersonFactory,
    PublicationFactory,
    StandardPageFactory,
)
from tests.second_factor import StaffClient

pytestmark = pytest.mark.django_db

TYPED = ['"', '"Strategic', 'Strat"egic', "title:Strategic", "Strategic:*", "'", "\\", "(", "-"]


@pytest.fixture
def editor(home, django_user_model):
    """A member of Editors, with the errors answered as in production (no exception raised
    into the test)."""
    user = django_user_model.objects.create_user("editor", "editor@inpud.example", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client = StaffClient(raise_request_exception=False)
    client.force_login(user)
    return client


@pytest.fixture
def searchable(home):
    """Something named "Strategic" for each admin search box."""
    return {
        "page": StandardPageFactory(parent=home, title="Strategic Plan page"),
        "document": LibraryDocumentFactory(title="Strategic Plan file"),
        "publication": PublicationFactory(title="Strategic Plan 2025-2028"),
        "person": PersonFactory(name="Strategic Person"),
    }


BOXES = {
    "page search": ("/admin/pages/search/", "Strategic Plan page"),
    "page explorer": ("/admin/pages/{home}/", "Strategic Plan page"),
    "page chooser": ("/admin/choose-page/search/", "Strategic Plan page"),
    "documents": ("/admin/documents/", "Strategic Plan file"),
    "document chooser": ("/admin/documents/chooser/results/", "Strategic Plan file"),
    "publications": ("/admin/snippets/documents/publication/", "Strategic Plan 2025-2028"),
    "publication chooser": (
        "/admin/snippets/choose/documents/publication/results/",
        "Strategic Plan 2025-2028",
    ),
    "people": ("/admin/snippets/pages/person/", "Strategic Person"),
}


@pytest.mark.parametrize("box", BOXES)
def test_every_admin_search_box_finds_by_words_and_survives_punctuation(
    editor, home, searchable, box
):
    path, expected = BOXES[box]
    path = path.format(home=home.pk)

    found = editor.get(path, {"q": "Strategic"})

    assert found.status_code == 200
    assert expected in found.content.decode()
    for typed in TYPED:
        response = editor.get(path, {"q": typed})
        assert response.status_code == 200, (typed, response.status_code)


def test_a_quoted_phrase_in_the_admin_page_search_still_finds_the_page(editor, searchable):
    response = editor.get("/admin/pages/search/", {"q": '"Strategic Plan"'})

    assert "Strategic Plan page" in response.content.decode()
