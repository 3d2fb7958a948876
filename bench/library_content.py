"""Content for `make bench`'s library measurements, run with the bench server's environment:

python bench/library_content.py pdf <path>     a document from a 5 MB PDF on disk
python bench/library_content.py publications N  grow the library to N publications
"""

import datetime
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "inpud.settings")

import django  # noqa: E402

django.setup()

from django.core.files.base import ContentFile  # noqa: E402

from documents.models import LibraryDocument, Publication, PublicationFile  # noqa: E402
from documents.seed import placeholder_pdf  # noqa: E402

MAX_PUBLICATIONS = 2000


def add_document(path):
    document = LibraryDocument(title="Bench 5 MB", language="en")
    document.file = ContentFile(Path(path).read_bytes(), name="bench-5mb.pdf")
    document._set_document_file_metadata()
    document.save()
    # Listed in a publication, so that it is public (an upload nothing uses is not).
    publication = Publication(
        title="Bench 5 MB", slug="bench-5mb", publication_date=datetime.date(2000, 1, 1)
    )
    publication.files = [PublicationFile(document=document)]
    publication.save_and_publish()
    print(document.url)


def grow_library(total):
    total = min(total, MAX_PUBLICATIONS)
    files = []
    for language in ("en", "fr"):
        document = LibraryDocument(title=f"Bench file ({language})", language=language)
        document.file = ContentFile(placeholder_pdf("Bench"), name=f"bench-{language}.pdf")
        document._set_document_file_metadata()
        document.save()
        files.append(document)
    for number in range(Publication.objects.count(), total):
        publication = Publication(
            title=f"Bench publication {number}",
            slug=f"bench-publication-{number}",
            summary="A publication made by make bench.",
            publication_date=datetime.date(2000 + number % 25, 1 + number % 12, 1),
        )
        publication.files = [PublicationFile(document=d) for d in files]
        publication.save_and_publish()


if __name__ == "__main__":
    if sys.argv[1] == "pdf":
        add_document(sys.argv[2])
    else:
        grow_library(int(sys.argv[2]))
