"""What every link to a file tells the visitor before they tap: format, size and language
("PDF, 1.2 MB, in English", in the visitor's language). Visitors on metered data pay for
every megabyte, and a screen reader reads the facts right after the link's text.

Templates print them with `{% file_facts file %}` (documents/templatetags/library_tags.py)
for a document or a library download link. Rich text links to documents get them from
`FileFactsDocumentLinkHandler` below, in one query for all the links of a field (none
once the site is warm: the facts are remembered until the next published change), and
`with_file_facts` moves them right after the link when the rich text is printed.
"""

import html
import re
from dataclasses import dataclass

from django.core.cache import cache
from django.template.defaultfilters import filesizeformat
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.documents.rich_text import DocumentLinkHandler

from documents.files import LibraryDocument
from documents.languages import in_sentence, language_name_translated
from hosting import page_cache


@dataclass
class FileFacts:
    """A file as its link describes it."""

    file_type: str  # "PDF"
    size: int | None  # bytes
    language: str  # the code of the language the file is written in

    @property
    def language_name_translated(self):
        return language_name_translated(self.language)

    def as_text(self):
        """ "PDF, 1.2 MB, in English", in the visitor's language (a sentence's middle)."""
        parts = [self.file_type]
        if self.size:
            parts.append(str(filesizeformat(self.size)))
        language = in_sentence(str(self.language_name_translated))
        parts.append(_("in %(language)s") % {"language": language})
        return ", ".join(parts)


def facts_of(file):
    """FileFacts of a LibraryDocument or of a library download link (FileLink)."""
    if isinstance(file, LibraryDocument):
        return FileFacts(file.file_type_label, file.file_size, file.language)
    return FileFacts(file.file_type, file.size, file.language)


def _cache_key(document_id):
    return f"inpud:file-facts:{page_cache.generation()}:{document_id}"


def linked_documents(ids):
    """{id: (url, FileFacts)} of the documents with these ids (strings or numbers, as rich
    text stores them): from the cache where the site has seen them since the last
    published change, the others in one query."""
    wanted = {str(i) for i in ids if str(i).isdigit()}
    keys = {_cache_key(i): i for i in wanted}
    found = {keys[key]: value for key, value in cache.get_many(list(keys)).items()}
    missing = wanted - found.keys()
    if missing:
        documents = LibraryDocument.objects.filter(pk__in=[int(i) for i in missing]).only(
            "id", "file", "title", "file_size", "language"
        )
        fresh = {str(d.pk): (d.url, facts_of(d)) for d in documents}
        cache.set_many(
            {_cache_key(i): value for i, value in fresh.items()}, page_cache.CACHE_SECONDS
        )
        found.update(fresh)
    return found


class FileFactsDocumentLinkHandler(DocumentLinkHandler):
    """Wagtail's rich text link to a document, with the file's format, size and language
    (carried in `data-file-facts` until `with_file_facts` prints them after the link)."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        documents = linked_documents(attrs.get("id", "") for attrs in attrs_list)
        tags = []
        for attrs in attrs_list:
            found = documents.get(str(attrs.get("id", "")))
            if found is None:
                tags.append("<a>")
                continue
            url, facts = found
            tags.append(
                f'<a href="{escape(url)}" hreflang="{escape(facts.language)}" '
                f'data-file-facts="{escape(facts.as_text())}">'
            )
        return tags


LINK_WITH_FACTS = re.compile(r'(<a [^>]*?) data-file-facts="([^"<>]*)"(>.*?</a>)', re.S)


def with_file_facts(expanded_html):
    """Rich text as printed: each document link followed by its facts, "(PDF, 1.2 MB, in
    English)", so that the visitor and a screen reader get them right after the link."""

    def move(match):
        facts = escape(html.unescape(match.group(2)))
        return f'{match.group(1)}{match.group(3)} <span class="file-facts">({facts})</span>'

    return LINK_WITH_FACTS.sub(move, expanded_html)
