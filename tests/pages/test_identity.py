"""The site's look: a logo editors set or the wordmark, and a palette that keeps AA contrast."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images.models import Image, Rendition
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from pages.identity import LOGO_FILTER, SiteIdentity

STYLESHEET = settings.BASE_DIR / "static" / "css" / "site.css"

# (text, background) pairs of custom properties the stylesheet uses together for text.
TEXT_PAIRS = [
    ("ink", "paper"),
    ("muted", "paper"),
    ("brand", "paper"),
    ("brand-dark", "paper"),
    ("ink", "tint"),
    ("muted", "tint"),
    ("brand", "tint"),
    ("brand-dark", "tint"),
    ("on-brand", "brand"),
    ("on-brand", "brand-dark"),
    ("footer-link", "brand-dark"),
]
AA_NORMAL_TEXT = 4.5


def palette():
    root = re.search(r":root\s*\{(.*?)\}", STYLESHEET.read_text(), re.S).group(1)
    return dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", root))


def luminance(colour):
    def channel(hex_pair):
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one, two):
    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_contrast_formula_matches_wcag_known_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the AA limit grey
    assert contrast("#777777", "#ffffff") < AA_NORMAL_TEXT  # one step lighter fails


def test_every_text_colour_pair_of_the_palette_passes_aa():
    colours = palette()
    ratios = {(fg, bg): round(contrast(colours[fg], colours[bg]), 2) for fg, bg in TEXT_PAIRS}

    assert {pair: ratio for pair, ratio in ratios.items() if ratio < AA_NORMAL_TEXT} == {}


def test_the_header_shows_the_wordmark_until_a_logo_is_set(client, home):
    html = client.get("/en/").content.decode()

    assert '<span class="site-abbr">INPUD</span>' in html
    assert 'class="site-logo"' not in html
    assert not SiteIdentity.objects.exists()  # a visit reads the setting, never creates it


@pytest.mark.django_db(transaction=True)
def test_a_logo_set_in_settings_shows_in_the_header_from_a_rendition_made_on_save(client, home):
    logo = Image.objects.create(title="INPUD logo", file=get_test_image_file(size=(400, 200)))
    SiteIdentity.objects.create(site=Site.objects.get(), logo=logo)  # commits: on_commit runs
    assert Rendition.objects.filter(image=logo, filter_spec=LOGO_FILTER).exists()

    with CaptureQueriesContext(connection) as queries:
        html = client.get("/en/").content.decode()

    img = re.search(r'<img class="site-logo"[^>]*>', html).group(0)
    assert 'alt="INPUD"' in img and ".png" in img and 'width="192" height="96"' in img
    assert "site-abbr" not in html
    assert not [q for q in queries if q["sql"].startswith(("INSERT", "UPDATE"))]
