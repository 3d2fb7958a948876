"""The admin home's "Needs attention" panel: what editors should act on this week."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from documents.editions import OnlineEdition
from documents.publications import Publication
from documents.queries import live_publications
from pages.translation_status import can_see_status, status_rows

STALE_AFTER = datetime.timedelta(days=365)
NEEDS_WORK = {"missing", "outdated"}


def pages_awaiting_moderation():
    page_type = ContentType.objects.get_for_model(Page)
    ids = (
        WorkflowState.objects.active()
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    )
    return list(Page.objects.filter(pk__in=[int(pk) for pk in ids]).order_by("title"))


def stale_current_publications(today=None):
    """Current versions of a series published more than a year ago: time for a new one?"""
    cutoff = (today or timezone.localdate()) - STALE_AFTER
    return list(
        live_publications()
        .filter(series__isnull=False, is_current_version=True, publication_date__lt=cutoff)
        .select_related("series")
        .order_by("publication_date")
    )


def library_drafts():
    """Publications and online editions whose latest changes visitors do not see yet: new
    ones, later drafts, and translators' translations of an edition (wagtail-localize
    saves them as drafts and notifies no one), newest change first, each with its edit
    address and whether it has been submitted for moderation."""
    found = []
    for model, related in ((Publication, []), (OnlineEdition, ["locale"])):
        url_name = f"wagtailsnippets_documents_{model._meta.model_name}:edit"
        in_workflow = set(
            WorkflowState.objects.active()
            .filter(base_content_type=ContentType.objects.get_for_model(model))
            .values_list("object_id", flat=True)
        )
        drafts = model.objects.filter(has_unpublished_changes=True).select_related(
            "latest_revision", *related
        )
        for item in drafts:
            item.kind = model._meta.verbose_name.capitalize()
            item.edit_url = reverse(url_name, args=[item.pk])
            item.submitted = str(item.pk) in in_workflow
            found.append(item)
    return sorted(found, key=_changed_at, reverse=True)


def _changed_at(item):
    revision = item.latest_revision  # None only for a row made outside the admin
    return revision.created_at if revision else timezone.now()


def translations_needing_work():
    """[(English page, [cells missing or out of date])], only pages with such cells."""
    _, rows = status_rows()
    found = []
    for page, cells in rows:
        wanting = [cell for cell in cells if cell.status in NEEDS_WORK]
        if wanting:
            found.append((page, wanting))
    return found


class NeedsAttentionPanel(Component):
    name = "needs_attention"
    order = 50
    template_name = "pages/admin/needs_attention_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        publications = stale_current_publications()
        for publication in publications:
            publication.edit_url = reverse(
                "wagtailsnippets_documents_publication:edit", args=[publication.pk]
            )
        show_translations = can_see_status(self.user)
        return {
            "awaiting_moderation": pages_awaiting_moderation(),
            "stale_publications": publications,
            "library_drafts": library_drafts(),
            "show_translations": show_translations,
            "translations": translations_needing_work() if show_translations else [],
        }


def add_needs_attention_panel(request, panels):
    """construct_homepage_panels hook."""
    panels.append(NeedsAttentionPanel(request.user))
