"""The site's replacements of Wagtail and wagtail-localize parts are all listed in
hosting/wagtail_forks.py, and each still matches the upstream original it was written
against: a Wagtail or wagtail-localize upgrade that changes one fails here, by name."""

from pathlib import Path

import pytest
from django.urls import resolve, reverse
from wagtail.admin.widgets.chooser import BaseChooser

from hosting.wagtail_forks import FORKS, upstream_file, upstream_hash
from pages.translation_sync import UpdateTranslationsView

PROJECT = Path(__file__).resolve().parent.parent
OVERRIDDEN = ["templates/wagtailadmin", "templates/wagtail_localize", "templates/wagtailcore"]


@pytest.mark.parametrize("fork", FORKS, ids=[fork.ours for fork in FORKS])
def test_the_upstream_original_is_the_one_ours_was_written_against(fork):
    assert upstream_file(fork).is_file()
    assert upstream_hash(fork) == fork.sha256, (
        f"{fork.package} changed {fork.upstream} since {fork.version}: read it, carry the "
        f"change into {fork.ours} (or drop ours), then update hosting/wagtail_forks.py"
    )


def test_every_overriding_template_is_listed():
    found = {
        str(path.relative_to(PROJECT))
        for folder in OVERRIDDEN
        for path in (PROJECT / folder).rglob("*.html")
    }
    listed = {fork.ours for fork in FORKS if fork.ours.startswith("templates/")}
    assert found == listed
    assert len(listed) == 8


def test_the_listed_patches_are_the_ones_applied():
    patches = [fork for fork in FORKS if fork.patched]
    assert [fork.ours for fork in patches] == [
        "wagtail.admin.widgets.chooser.BaseChooser.render",
        "pages.translation_sync.UpdateTranslationsView",
    ]
    assert BaseChooser.render.__qualname__.startswith("render_chooser_without_inline_script")
    screen = resolve(reverse("wagtail_localize:update_translations", args=[1]))
    assert screen.func.view_class is UpdateTranslationsView


def test_a_changed_original_is_noticed(monkeypatch, tmp_path):
    fork = FORKS[0]
    changed = tmp_path / "inline_panel.html"
    changed.write_bytes(upstream_file(fork).read_bytes() + b"\n<script>new()</script>")
    monkeypatch.setattr("hosting.wagtail_forks.upstream_file", lambda _fork: changed)
    assert upstream_hash(fork) != fork.sha256
