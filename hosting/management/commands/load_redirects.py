"""Load redirects from INPUD's old site (or any file in the same format), idempotently.

Format: CSV with a header row `old_path,new_path`, one redirect a line, for example

    old_path,new_path
    /en/our-aims,/en/about/aims/
    /?page_id=38,/en/about/

`old_path` is a path on this site (a query string is allowed and matched exactly);
`new_path` a path or a full URL. Redirects are permanent (301) and apply to every site.
An existing redirect for the same old path is left as editors set it.
"""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect

OLD_SITE_FILE = Path(__file__).resolve().parents[2] / "redirects" / "old-inpud-site.csv"


class Command(BaseCommand):
    help = "Create redirects from a CSV file (old_path,new_path); defaults to INPUD's old URLs."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(OLD_SITE_FILE))

    @transaction.atomic
    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        created = existing = 0
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            if reader.fieldnames is None or {"old_path", "new_path"} - set(reader.fieldnames):
                raise CommandError("The file needs a header row: old_path,new_path")
            for line, row in enumerate(reader, start=2):
                old_path, new_path = row["old_path"].strip(), row["new_path"].strip()
                if not old_path.startswith("/") or not new_path:
                    raise CommandError(f"Line {line}: old_path must start with /, new_path be set")
                _, was_created = Redirect.objects.get_or_create(
                    old_path=Redirect.normalise_path(old_path),
                    site=None,
                    defaults={"redirect_link": new_path, "is_permanent": True},
                )
                created += was_created
                existing += not was_created
        self.stdout.write(f"Redirects: {created} created, {existing} already present.")
