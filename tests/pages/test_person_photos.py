"""Board photos on Governance: light, sharp and without layout shift."""

import re

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
