"""Board photos on Governance: light, sharp and without layout shift."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from tests.factories import PersonFactory


def photo(name):
    return Image.objects.create(title=name, file=get_test_image_file(size=(640, 480)))


def test_board_photos_are_webp_with_a_jpeg_fallback_sized_and_lazy(client, about_tree):
    PersonFactory(name="Pictured Person", photo=photo("pictured"))

    html = client.get("/en/about/governance/").content.decode()

    picture = re.search(r"<picture>.*?</picture>", html, re.S).group(0)
    assert re.search(r'<source[^>]+srcset="[^"]+\.webp 160w, [^"]+\.webp 320w"', picture)
    assert 'type="image/webp"' in picture
    img = re.search(r"<img[^>]*>", picture).group(0)
    assert re.search(r'src="[^"]+\.jpg"', img)
    assert 'width="160"' in img and 'height="160"' in img
    assert 'loading="lazy"' in img and 'sizes="160px"' in img and 'alt=""' in img


def test_board_photos_cost_the_same_queries_for_one_person_or_five(render_queries, about_tree):
    PersonFactory(photo=photo("one"))
    one = render_queries("/en/about/governance/")  # its warm-up request makes the renditions
    for index in range(4):
        PersonFactory(photo=photo(f"more-{index}"))
    render_queries("/en/about/governance/")

    assert render_queries("/en/about/governance/") == one


def test_a_board_photo_replaced_in_the_admin_has_its_sizes_made_before_any_visit(
    admin_client, about_tree, django_capture_on_commit_callbacks
):
    """Visitors never write (tests/test_visitors_do_not_write.py): when an editor uploads a
    new file for a board member's photo, Wagtail drops the old sizes and the new ones are
    made after the editor's save, not by the first visitor."""
    image = photo("board")
    PersonFactory(photo=image)
    old_name = image.file.name
    new_file = get_test_image_file(filename="new.png", size=(800, 600)).file.getvalue()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/images/{image.pk}/",
            {
                "title": "board",
                "description": "A board member smiling",
                "collection": image.collection_id,
                "file": SimpleUploadedFile("new.png", new_file, content_type="image/png"),
            },
        )

    assert response.status_code == 302
    image.refresh_from_db()
    assert image.file.name != old_name
    assert (image.width, image.height) == (800, 600)
    sizes = {rendition.filter_spec for rendition in image.renditions.all()}
    assert sizes == {
        "format-webp|fill-160x160",
        "format-webp|fill-320x320",
        "format-jpeg|fill-160x160",
        "format-jpeg|fill-320x320",
    }
