"""A first draft of an online edition, made from the PDF's own text, for an editor to tidy.

The PDF is read with pypdf, line by line with each line's font size and position:

- **Headings** are the PDF's own where it marks them: the titles of its outline
  (bookmarks), at the outline's depth (top level: a section, h2; then h3, h4). A PDF
  without an outline gets headings from its type: lines set clearly larger than the body
  text (the commonest size), the largest as sections.
- **Paragraphs** end where the gap between lines is clearly wider than the line spacing.
- **List items** are lines that begin with a bullet (•, -, –, *) or a number ("1." "2)").
- Lines that are only a page number are left out.

Tables and images are not recognised: the editor adds them by hand (the PDF's tables come
out as lines of text). Reading is bounded (MAX_PAGES, MAX_CHARS), like the search's text.
"""

import io
import re
import statistics
from dataclasses import dataclass

from django.utils.html import escape
from pypdf import PdfReader
from pypdf.errors import PyPdfError

MAX_PAGES = 300
MAX_CHARS = 400_000
BULLET = re.compile(r"^\s*(?:[•\-–*·▪◦]|(\d{1,3})[.)])\s+")
PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?\s*$", re.I)
HEADING_LEVELS = ["h2", "h3", "h4"]


class DraftFailed(Exception):
    """The PDF's text could not be read (a scan without text, or a damaged file)."""


@dataclass
class Line:
    page: int
    y: float
    size: float
    text: str


def draft_body_from_pdf(data: bytes) -> list[dict]:
    """The edition's body (StreamField data: [{"type", "value"}, ...]) from a PDF's text."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        lines = read_lines(reader)
        outline = outline_titles(reader)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise DraftFailed(str(error)) from error
    if not lines:
        raise DraftFailed("no text")
    return blocks_from_lines(lines, outline)


def read_lines(reader) -> list[Line]:
    lines, total = [], 0
    for number, page in enumerate(reader.pages[:MAX_PAGES]):
        chunks = []

        def visit(text, cm, tm, font_dict, font_size, chunks=chunks):
            if text and text.strip():
                scale = abs(tm[3] * cm[3]) or 1
                y = tm[5] * cm[3] + cm[5]
                chunks.append((y, (font_size or 0) * scale, text))

        page.extract_text(visitor_text=visit)
        for y, size, text in chunks:
            previous = lines[-1] if lines else None
            if previous and previous.page == number and abs(previous.y - y) < 1:
                previous.text += text  # the same line, set in several pieces
                previous.size = max(previous.size, size)
            else:
                lines.append(Line(number, y, size, text))
            total += len(text)
        if total > MAX_CHARS:
            break
    for line in lines:
        line.text = " ".join(line.text.split())
    return [line for line in lines if line.text and not PAGE_NUMBER.match(line.text)]


def outline_titles(reader) -> dict[str, str]:
    """{normalised title: heading level} of the PDF's outline (bookmarks)."""
    found = {}

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            elif getattr(item, "title", None):
                level = HEADING_LEVELS[min(depth, len(HEADING_LEVELS) - 1)]
                found.setdefault(normalised(item.title), level)

    walk(reader.outline, 0)
    return found


def normalised(text):
    return " ".join(str(text).split()).casefold()


def heading_levels_by_size(lines) -> dict[float, str]:
    """Without an outline: font sizes clearly above the body's, largest first -> h2, h3, h4."""
    body = statistics.mode(round(line.size, 1) for line in lines)
    larger = sorted(
        {round(line.size, 1) for line in lines if line.size > body * 1.15}, reverse=True
    )
    return {size: HEADING_LEVELS[min(i, len(HEADING_LEVELS) - 1)] for i, size in enumerate(larger)}


def blocks_from_lines(lines, outline):
    by_size = {} if outline else heading_levels_by_size(lines)
    spacing = line_spacing(lines)
    blocks, paragraph, items, numbered = [], [], [], False

    def flush_paragraph():
        if paragraph:
            text = escape(" ".join(paragraph))
            blocks.append({"type": "paragraph", "value": f"<p>{text}</p>"})
            paragraph.clear()

    def flush_list():
        nonlocal numbered
        if items:
            blocks.append({"type": "list", "value": {"numbered": numbered, "items": list(items)}})
            items.clear()

    previous = None
    for line in lines:
        level = outline.get(normalised(line.text)) if outline else by_size.get(round(line.size, 1))
        gap = previous is not None and (
            previous.page != line.page or abs(previous.y - line.y) > spacing * 1.4
        )
        bullet = BULLET.match(line.text)
        if level:
            flush_paragraph()
            flush_list()
            blocks.append({"type": "heading", "value": {"level": level, "text": line.text}})
        elif bullet:
            flush_paragraph()
            if items and numbered != bool(bullet.group(1)):
                flush_list()
            numbered = bool(bullet.group(1))
            items.append(line.text[bullet.end() :])
        elif items and not gap:
            items[-1] += " " + line.text  # an item that runs over two lines
        else:
            flush_list()
            if gap:
                flush_paragraph()
            paragraph.append(line.text)
        previous = line
    flush_paragraph()
    flush_list()
    return blocks


def line_spacing(lines):
    """The commonest distance between consecutive lines of a page: the body's spacing."""
    gaps = [
        round(abs(a.y - b.y), 1)
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and a.y != b.y
    ]
    return statistics.mode(gaps) if gaps else 12.0
