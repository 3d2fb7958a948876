"""The library in the admin: publications (with their language files), series, categories.

Publications and online editions are moderated like pages: an editor saves drafts and
submits them to the "Moderators approval" workflow; a moderator approves (publishes)
them. The listings show each one's status (draft, live, live + draft, scheduled), and
the publications' listing which is the current version of its series."""

from django.db.models import Exists, OuterRef
from django.urls import path
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.tables import LiveStatusTagColumn, StatusFlagColumn
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from documents.edition_admin import (
    DRAFT_LABEL,
    URL_NAME,
    draft_url,
    editions_in_draft_language,
    make_draft,
    may_draft,
)
from documents.editions import OnlineEdition
from documents.file_facts import FileFactsDocumentLinkHandler
from documents.publications import Category, Publication, PublicationSeries
from documents.queries import editor_search_matches


class PublicationIndexView(IndexView):
    def get_base_queryset(self):
        """Each row says whether it has an online edition in the language a first draft
        is made in (the listing offers a draft only to those without), in the listing's
        one query."""
        editions = editions_in_draft_language().filter(publication=OuterRef("pk"))
        return super().get_base_queryset().annotate(has_draft_language_edition=Exists(editions))

    def search_queryset(self, queryset):
        """Editors find a publication by the start of its title, its summary, or the title
        or text of any of its files, members-only files included."""
        if not self.is_searching:
            return queryset
        return queryset.filter(pk__in=editor_search_matches(self.search_query))


class OfferEditionDraft:
    """After a publication is saved with its PDF, the message offers the online edition's
    first draft (documents/edition_admin.py)."""

    def get_success_buttons(self):
        buttons = super().get_success_buttons()
        drafted = editions_in_draft_language().filter(publication=self.object).exists()
        if may_draft(self.request.user) and not drafted:
            buttons.append(messages.button(draft_url(self.object), DRAFT_LABEL))
        return buttons


class PublicationCreateView(OfferEditionDraft, CreateView):
    pass


class SaysApprovedAndPublished:
    """A moderator who approves is told the item is now published, or when it will be
    (Wagtail says only "updated", as for any save)."""

    published_message = ""  # with %(title)s
    scheduled_message = ""  # with %(title)s and %(date)s

    def get_success_message(self, instance=None):
        if self.action == "workflow-action" and self.workflow_action == "approve":
            saved = type(self.object).objects.get(pk=self.object.pk)
            if saved.scheduled_revision:
                date = saved.scheduled_revision.approved_go_live_at
                return self.scheduled_message % {
                    "title": saved,
                    "date": date.strftime("%Y-%m-%d %H:%M UTC"),
                }
            if saved.live and not saved.has_unpublished_changes:
                return self.published_message % {"title": saved}
        return super().get_success_message(instance)


class PublicationEditView(SaysApprovedAndPublished, OfferEditionDraft, EditView):
    published_message = gettext_lazy("Publication '%(title)s' approved and published.")
    scheduled_message = gettext_lazy(
        "Publication '%(title)s' approved: it will be published on %(date)s."
    )


class OnlineEditionEditView(SaysApprovedAndPublished, EditView):
    published_message = gettext_lazy("Online edition '%(title)s' approved and published.")
    scheduled_message = gettext_lazy(
        "Online edition '%(title)s' approved: it will be published on %(date)s."
    )


class PublicationViewSet(SnippetViewSet):
    model = Publication
    index_view_class = PublicationIndexView
    add_view_class = PublicationCreateView
    edit_view_class = PublicationEditView
    icon = "doc-full-inverse"
    menu_label = "Publications"
    # Wagtail's status column (draft, live, live + draft, scheduled) is added only to a
    # listing that names no columns of its own: named here.
    list_display = [
        "title",
        "series",
        "version_label",
        StatusFlagColumn(
            "is_current_version",
            label=gettext_lazy("Current version"),
            true_label=gettext_lazy("Current"),
        ),
        "publication_date",
        LiveStatusTagColumn(),
    ]
    list_filter = ["category", "series", "is_current_version", "live"]
    ordering = ["-publication_date"]


class PublicationSeriesViewSet(SnippetViewSet):
    model = PublicationSeries
    icon = "list-ol"
    menu_label = "Series"
    list_display = ["title", "key"]


class OnlineEditionViewSet(SnippetViewSet):
    model = OnlineEdition
    edit_view_class = OnlineEditionEditView
    icon = "doc-full"
    menu_label = "Online editions"
    list_display = ["title", "publication", "locale", LiveStatusTagColumn()]
    list_filter = ["locale", "live"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = "Categories"
    list_display = ["name", "slug"]


class LibraryViewSetGroup(SnippetViewSetGroup):
    items = (PublicationViewSet, OnlineEditionViewSet, PublicationSeriesViewSet, CategoryViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "Library"
    menu_name = "library"
    menu_order = 250


register_snippet(LibraryViewSetGroup)


@hooks.register("register_admin_urls")
def edition_draft_urls():
    return [path("library/online-edition-draft/<int:publication_id>/", make_draft, name=URL_NAME)]


@hooks.register("register_snippet_listing_buttons")
def edition_draft_button(snippet, user, next_url=None):
    if isinstance(snippet, Publication) and may_draft(user):
        if getattr(snippet, "has_draft_language_edition", False):
            return
        yield ListingButton(DRAFT_LABEL, draft_url(snippet), icon_name="doc-full", priority=50)


# After Wagtail's own documents app (order 0), whose handler this one replaces.
@hooks.register("register_rich_text_features", order=1)
def document_links_say_what_they_cost(features):
    """Rich text links to documents carry the file's format, size and language."""
    features.register_link_type(FileFactsDocumentLinkHandler)
