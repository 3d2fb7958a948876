"""An embargoed statement's photo is not public before the statement: an image that only
pages not yet live use is not served (hosting.media.is_public_image), renditions neither."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Revision

from news.models import NewsItemPage
from tests.factories import NewsIndexPageFactory, NewsItemPageFactory

pytestmark = pytest.mark.django_db


def photo(title):
    return Image.objects.create(title=title, file=get_test_image_file(size=(64, 48)))


def image_body(image):
    return [("image", {"image": image, "alt_text": "A vigil", "caption": ""})]


def urls_of(image):
    rendition = image.get_rendition("width-32")
    return [f"/media/{image.file.name}", f"/media/{rendition.file.name}"]


@pytest.fixture
def index(home, media_root):
    return NewsIndexPageFactory(parent=home)


def embargoed_item(index, image):
    item = NewsItemPage(
        title="Joint statement against executions",
        date=datetime.date(2026, 6, 26),
        summary="Embargoed until 09:00 Geneva time.",
        body=image_body(image),
        live=False,
    )
    index.add_child(instance=item)
    item.go_live_at = timezone.now() + datetime.timedelta(days=1)
    item.save_revision().publish()  # a go_live_at in the future: scheduled, not live
    return NewsItemPage.objects.get(pk=item.pk)


def test_the_photo_of_an_embargoed_item_is_not_served_until_the_item_is_live(client, index):
    image = photo("Vigil")
    item = embargoed_item(index, image)
    assert not item.live

    assert [client.get(url).status_code for url in urls_of(image)] == [404, 404]

    # The embargo ends: the scheduler publishes the item at its time.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision = Revision.page_revisions.filter(object_id=str(item.pk)).latest("created_at")
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save(update_fields=["content", "approved_go_live_at"])
    NewsItemPage.objects.filter(pk=item.pk).update(go_live_at=past)
    call_command("publish_scheduled", stdout=io.StringIO())
    assert NewsItemPage.objects.get(pk=item.pk).live
    assert [client.get(url).status_code for url in urls_of(image)] == [200, 200]


def test_a_photo_a_live_page_uses_is_served_even_if_a_draft_uses_it_too(client, index):
    shared = photo("Shared")
    embargoed_item(index, shared)
    NewsItemPageFactory(parent=index, title="Live item", body=image_body(shared))
    unused = photo("Not used yet")

    assert [client.get(url).status_code for url in urls_of(shared)] == [200, 200]
    assert [client.get(url).status_code for url in urls_of(unused)] == [200, 200]


def test_serving_an_image_costs_the_same_few_queries_however_many_pages_use_it(client, index):
    image = photo("Popular")
    NewsItemPageFactory(parent=index, title="First", body=image_body(image))
    url = urls_of(image)[1]

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return sum(1 for q in captured if "SAVEPOINT" not in q["sql"])

    few = queries()
    for number in range(5):
        NewsItemPageFactory(parent=index, title=f"Item {number}", body=image_body(image))
    assert few <= 2
    assert queries() == few
