"""The library's models, where Django looks for them.

Each lives in the module about it: the files (documents/files.py), publications, series
and categories (documents/publications.py), online editions (documents/editions.py) and
the library page (documents/library_page.py).
This module only gathers them: nothing in the app imports it, so the library page may use
the queries, which use the models, without an import cycle.
"""

from documents.editions import OnlineEdition
from documents.files import LibraryDocument, under_view_restriction
from documents.library_page import DocumentLibraryPage
from documents.publications import (
    CURRENT_FIRST,
    Category,
    Publication,
    PublicationFile,
    PublicationSeries,
    choose_file,
    validate_series_key,
)

__all__ = [
    "CURRENT_FIRST",
    "Category",
    "DocumentLibraryPage",
    "LibraryDocument",
    "OnlineEdition",
    "Publication",
    "PublicationFile",
    "PublicationSeries",
    "choose_file",
    "under_view_restriction",
    "validate_series_key",
]
