"""Facts read from an uploaded PDF: page count and a bounded amount of text for search."""

import logging

from pypdf import PdfReader
from pypdf.errors import PyPdfError

logger = logging.getLogger(__name__)

# Text extraction is for the library's search only: a few pages' worth is enough to find a
# document by its words, and bounding it keeps an upload of a 300-page report quick.
MAX_TEXT_PAGES = 30
MAX_TEXT_CHARS = 50_000


def read_pdf_facts(filelike):
    """(page_count, text) of a PDF, or (None, "") when pypdf cannot read it.

    A PDF that pypdf cannot parse is still accepted (its header was checked on upload):
    the facts are a convenience, not a gate."""
    try:
        filelike.seek(0)
        reader = PdfReader(filelike, strict=False)
        page_count = len(reader.pages)
        chunks, size = [], 0
        for page in reader.pages[:MAX_TEXT_PAGES]:
            text = page.extract_text() or ""
            chunks.append(text)
            size += len(text)
            if size >= MAX_TEXT_CHARS:
                break
        return page_count, " ".join(chunks)[:MAX_TEXT_CHARS]
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        logger.info("Could not read PDF facts: %s", error)
        return None, ""
    finally:
        filelike.seek(0)
