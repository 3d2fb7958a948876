import pytest

from tests.factories import DocumentLibraryPageFactory


@pytest.fixture
def library(home):
    """The English library page at /en/resources/."""
    return DocumentLibraryPageFactory(parent=home)
