"""python manage.py clean_documents

Runs the upload gate's checks and cleaning (documents/pdf_cleaning.py) over the documents
stored before it existed. A document that passes is cleaned in place, under the same
address, with its stored size and hash updated; one already clean (cleaning it changes
nothing) is skipped, so running it again is quick to read and changes nothing. A document
the gate refuses (JavaScript, attachments, encrypted...) is listed by id and title with the
reason, and left as it is: an editor replaces or deletes it in the admin. The command then
exits with an error, so a refused file is not missed.

The same pass converts files stored before PDFs were linearized ("fast web view",
documents/pdf_cleaning.py step 6): their cleaned bytes differ, so they are rewritten.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from documents.files import LibraryDocument


class Command(BaseCommand):
    help = "Check and clean the documents already stored, as uploads are checked and cleaned."

    def handle(self, *args, **options):
        cleaned = clean = 0
        refused = []
        for document in LibraryDocument.objects.order_by("pk").iterator():
            label = f"document {document.pk} “{document.title}” ({document.file.name})"
            try:
                with transaction.atomic():
                    changed = document.clean_stored_file()
            except (ValidationError, OSError) as error:
                reason = " ".join(getattr(error, "messages", [str(error)]))
                refused.append(label)
                self.stderr.write(f"{label}: refused, left as it is. {reason}")
                continue
            if changed:
                cleaned += 1
                self.stdout.write(f"{label}: cleaned")
            else:
                clean += 1
        plural = "" if cleaned == 1 else "s"
        self.stdout.write(f"{cleaned} document{plural} cleaned, {clean} already clean")
        if refused:
            raise CommandError(
                f"{len(refused)} refused (listed above): replace or delete them in the admin."
            )
