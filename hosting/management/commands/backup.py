"""`manage.py backup` (`make backup`): the database and the media in one archive."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hosting.backups import BackupError, create_backup


class Command(BaseCommand):
    help = "Write one timestamped archive of the database and the uploaded media."

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory", default=settings.BACKUP_DIR, help="Where to write it (BACKUP_DIR)."
        )

    def handle(self, *args, directory, **options):
        started = time.monotonic()
        try:
            path = create_backup(Path(directory), settings.BACKUP_AGE_RECIPIENT)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size_mb = path.stat().st_size / 1024 / 1024
        encrypted = " (encrypted to BACKUP_AGE_RECIPIENT)" if path.suffix == ".age" else ""
        self.stdout.write(
            f"Backup written: {path}{encrypted}, {size_mb:.1f} MB, "
            f"{time.monotonic() - started:.1f} s."
        )
