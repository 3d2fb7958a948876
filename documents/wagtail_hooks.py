"""The library in the admin: publications (with their language files), series, categories."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from documents.models import Category, Publication, PublicationSeries


class PublicationViewSet(SnippetViewSet):
    model = Publication
    icon = "doc-full-inverse"
    menu_label = "Publications"
    list_display = ["title", "series", "version_label", "is_current_version", "publication_date"]
    list_filter = ["category", "series", "is_current_version"]
    # No search_fields: the admin then searches the model's own index (its autocomplete
    # fields). With a list, SQLite's backend reads each name as an FTS5 column, and
    # "summary" is not one: every search of the listing was an error.
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
