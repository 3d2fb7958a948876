"""Every place the site replaces part of Wagtail or wagtail-localize, in one list.

All but the last exist for one reason: the admin's Content-Security-Policy refuses inline
scripts (hosting/csp.py), and these parts of the admin start their JavaScript with one.
Each replacement leaves the same call as data in a <template data-inpud-init=...> that
hosting/static/hosting/js/admin-init.js runs. No supported extension point does this:
WAGTAILADMIN_* settings and hooks do not reach these scripts, and Wagtail's admin puts no
CSP nonce on them. Where the upstream template has a block around its script, ours
extends it and replaces that block only; the date and time widgets have no block (one
line each) and are copied; the choosers' script comes from Python, hence the patch.
The rich text template is for visitors: Wagtail prints all rich text through one
template, and ours adds each document link's format, size and language after it
(documents/file_facts.py); a link handler can only write a link's opening tag.
The last one is for moderation: wagtail-localize's "Sync translated …" screen publishes
translations for anyone who may submit them; ours, a subclass at the same admin address,
publishes only for who may publish each (pages/translation_sync.py).

`sha256` is the hash of the upstream original as it was when ours was written (for the
patch: of the patched methods' source). tests/test_wagtail_forks.py hashes the installed
package's file and fails when it changes: then read the new original, carry its change
into ours (or drop ours if upstream no longer needs it), and update the version and hash.
"""

import hashlib
import importlib
import inspect
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path


@dataclass(frozen=True)
class Fork:
    ours: str  # path in this repository, or the dotted name of what is patched
    package: str  # the distribution copied from
    version: str  # its version when ours was written
    upstream: str  # the original's path inside the package
    how: str  # "extends, replaces block js_init", "copy", "monkeypatch"
    sha256: str
    patched: tuple = ()  # for a monkeypatch: the names whose source is hashed


WAGTAIL, LOCALIZE = "wagtail", "wagtail_localize"
FORKS = [
    Fork(
        "templates/wagtailadmin/panels/inline_panel.html",
        WAGTAIL,
        "8.0.1",
        "admin/templates/wagtailadmin/panels/inline_panel.html",
        "extends the original, replaces block js_init",
        "195bb0b199edb062dcf41a5a92ecabf5bae52a6eac06823eb3cd12b799be4f89",
    ),
    Fork(
        "templates/wagtailadmin/panels/multiple_chooser_panel.html",
        WAGTAIL,
        "8.0.1",
        "admin/templates/wagtailadmin/panels/multiple_chooser_panel.html",
        "extends the original, replaces block js_init",
        "673bc9b26ca95c0385e7ac8a5c81d2449e6e59df841f74fe89d5003f877a653d",
    ),
    Fork(
        "templates/wagtailadmin/widgets/date_input.html",
        WAGTAIL,
        "8.0.1",
        "admin/templates/wagtailadmin/widgets/date_input.html",
        "copy (one line, no block)",
        "2557f7a4fd543d7cd6f192a97fdd0c12ebfad9a8d4ab2b7fe72a2f011cd049c8",
    ),
    Fork(
        "templates/wagtailadmin/widgets/time_input.html",
        WAGTAIL,
        "8.0.1",
        "admin/templates/wagtailadmin/widgets/time_input.html",
        "copy (one line, no block)",
        "536917c544a135631e8683866e8351bd491822a336c9a59639ab71338638e242",
    ),
    Fork(
        "templates/wagtailadmin/widgets/datetime_input.html",
        WAGTAIL,
        "8.0.1",
        "admin/templates/wagtailadmin/widgets/datetime_input.html",
        "copy (one line, no block)",
        "479d8ddeaa73d2fdd33d584118d51b0c3ec4c2dc5b90a66b526874f9799d2676",
    ),
    Fork(
        "templates/wagtail_localize/admin/submit_translation.html",
        LOCALIZE,
        "1.14.5",
        "templates/wagtail_localize/admin/submit_translation.html",
        "extends the original, replaces block extra_js",
        "f11cd525d207f37cee4e85ee4cde9a56941f3efe6d5d9da8fb104c948452f2b6",
    ),
    Fork(
        "templates/wagtail_localize/admin/edit_translation.html",
        LOCALIZE,
        "1.14.5",
        "templates/wagtail_localize/admin/edit_translation.html",
        "extends the original, replaces block extra_js",
        "52b849c00b09876c0fb0e7314a762f1eebb1c4212120828c61c1350a301a5ba7",
    ),
    Fork(
        "wagtail.admin.widgets.chooser.BaseChooser.render",
        WAGTAIL,
        "8.0.1",
        "admin/widgets/chooser.py",
        "monkeypatch (hosting/apps.py, hosting/csp.py)",
        "d2a1764c58f35f9fb63147aa10614867977de81a7607a35273555565bc3f990a",
        patched=("BaseChooser.render", "BaseChooser.render_js_init"),
    ),
    Fork(
        "templates/wagtailcore/shared/richtext.html",
        WAGTAIL,
        "8.0.1",
        "templates/wagtailcore/shared/richtext.html",
        "copy (one line, no block), printed through documents' with_file_facts filter",
        "3a0a86fc8991ea36002ca98360506460b34e528df33b8f84f33aedc57cdb167c",
    ),
    Fork(
        "pages.translation_sync.UpdateTranslationsView",
        LOCALIZE,
        "1.14.5",
        "views/update_translations.py",
        "subclass at the same admin address (pages/wagtail_hooks.py), form_valid extended",
        "314e2852e1a71133696700a54893c36d09e4faaefac4ca17fddbea6e19dc8036",
        patched=("UpdateTranslationsView.form_valid",),
    ),
]


def upstream_file(fork):
    return Path(find_spec(fork.package).origin).parent / fork.upstream


def upstream_hash(fork):
    """The sha256 of the installed original (for a patch, of the patched methods' source)."""
    if not fork.patched:
        return hashlib.sha256(upstream_file(fork).read_bytes()).hexdigest()
    module_name = f"{fork.package}.{fork.upstream.removesuffix('.py').replace('/', '.')}"
    module = importlib.import_module(module_name)
    sources = []
    for name in fork.patched:
        found = module
        for part in name.split("."):
            found = getattr(found, part)
        sources.append(inspect.getsource(found))
    return hashlib.sha256("".join(sources).encode()).hexdigest()
