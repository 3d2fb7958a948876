"""Translation status: every English page against every other language, in one table.

wagtail-localize has no such overview. Each cell is one of:
- current: a live translation, published after the English page last changed;
- outdated: a live translation, but the English page was published again since;
- draft: a translation exists but is not live yet (a translator is working on it);
- missing: no translation (an alias copy of the English page does not count).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.models import Page

from sitewide import languages

STATUS_LABELS = {
    "current": "Translated, up to date",
    "outdated": "Out of date",
    "draft": "Draft, not published",
    "missing": "Not translated",
}


@dataclass
class Cell:
    language: str
    status: str
    action_url: str

    @property
    def label(self):
        return STATUS_LABELS[self.status]


def can_see_status(user):
    return user.is_superuser or user.has_perm("wagtail_localize.submit_translation")


def cell_for(source, translation, language):
    if translation is None:
        # wagtail-localize's form opens with this language ticked (its select_locale).
        submit = reverse("wagtail_localize:submit_page_translation", args=[source.pk])
        return "missing", f"{submit}?{urlencode({'select_locale': language})}"
    edit_url = reverse("wagtailadmin_pages:edit", args=[translation.pk])
    if not translation.live:
        return "draft", edit_url
    changed, translated = source.last_published_at, translation.last_published_at
    if changed and translated and changed > translated:
        return "outdated", edit_url
    return "current", edit_url


def status_rows():
    """[(english page, [Cell per other language])], in tree order."""
    default = languages.default_language()
    targets = [code for code, _ in settings.LANGUAGES if code != default]
    sources = list(
        Page.objects.filter(locale__language_code=default, depth__gt=1)
        .order_by("path")
        .only(
            "title",
            "depth",
            "live",
            "translation_key",
            "last_published_at",
            "latest_revision_created_at",
        )
    )
    translations = {
        (page.translation_key, page.locale.language_code): page
        for page in Page.objects.filter(
            translation_key__in=[source.translation_key for source in sources],
            locale__language_code__in=targets,
            alias_of__isnull=True,
        )
        .select_related("locale")
        .only("live", "translation_key", "last_published_at", "locale__language_code")
    }
    rows = []
    for source in sources:
        cells = []
        for language in targets:
            translation = translations.get((source.translation_key, language))
            status, url = cell_for(source, translation, language)
            cells.append(Cell(language, status, url))
        rows.append((source, cells))
    return targets, rows


def translation_status(request):
    if not can_see_status(request.user):
        raise PermissionDenied
    targets, rows = status_rows()
    return TemplateResponse(
        request,
        "pages/admin/translation_status.html",
        {"languages": targets, "rows": rows, "labels": STATUS_LABELS},
    )
