"""The library in the admin: publications (with their language files), series, categories."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from documents.file_facts import FileFactsDocumentLinkHandler
from documents.publications import Category, Publication, PublicationSeries
from documents.queries import editor_search_matches


class PublicationIndexView(IndexView):
    def search_queryset(self, queryset):
        """Editors find a publication by the start of its title, its summary, or the title
        or text of any of its files, members-only files included."""
        if not self.is_searching:
            return queryset
        return queryset.filter(pk__in=editor_search_matches(self.search_query))


class PublicationViewSet(SnippetViewSet):
    model = Publication
    index_view_class = PublicationIndexView
    icon = "doc-full-inverse"
    menu_label = "Publications"
    list_display = ["title", "series", "version_label", "is_current_version", "publication_date"]
    list_filter = ["category", "series", "is_current_version"]
    ordering = ["-publication_date"]


class PublicationSeriesViewSet(SnippetViewSet):
    model = PublicationSeries
    icon = "list-ol"
    menu_label = "Series"
    list_display = ["title", "key"]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = "Categories"
    list_display = ["name", "slug"]


class LibraryViewSetGroup(SnippetViewSetGroup):
    items = (PublicationViewSet, PublicationSeriesViewSet, CategoryViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "Library"
    menu_name = "library"
    menu_order = 250


register_snippet(LibraryViewSetGroup)


# After Wagtail's own documents app (order 0), whose handler this one replaces.
@hooks.register("register_rich_text_features", order=1)
def document_links_say_what_they_cost(features):
    """Rich text links to documents carry the file's format, size and language."""
    features.register_link_type(FileFactsDocumentLinkHandler)
