"""`manage.py restore <archive>` (`make restore BACKUP=<archive>`): bring a site back.

Into an empty database, or over an existing one after asking (or with --yes). Refuses
while the web server runs: stop it first (`docker compose stop app`, then
`docker compose run --rm app python manage.py restore ...`).
"""

import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError

from hosting import backups
from hosting.page_cache import invalidate


class Command(BaseCommand):
    help = "Restore the database and the media from an archive written by `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The backup file (.tar.gz or .tar.gz.age).")
        parser.add_argument(
            "--identity",
            default="",
            help="The age identity (secret key) file, for an encrypted backup.",
        )
        parser.add_argument(
            "--yes", action="store_true", help="Overwrite an existing site without asking."
        )

    def handle(self, *args, archive, identity, yes, **options):
        path = Path(archive)
        if not path.is_file():
            raise CommandError(f"No such backup file: {path}")
        if backups.server_is_running():
            raise CommandError(
                f"The site is running (it holds {settings.SERVER_LOCK_FILE}): stop the web "
                "server first, then restore."
            )
        if backups.database_has_tables() and not (yes or self._confirmed()):
            raise CommandError("Nothing restored: the existing site was left as it is.")
        with tempfile.TemporaryDirectory() as scratch:
            scratch = Path(scratch)
            try:
                manifest = backups.open_archive(path, scratch, identity)
                backups.restore_database(scratch / "content", manifest)
                backups.restore_media(scratch / "content", manifest)
            except backups.BackupError as error:
                raise CommandError(str(error)) from error
        ContentType.objects.clear_cache()
        invalidate()  # no page cached before the restore is served after it
        media = "and media " if manifest["media"] else ""
        self.stdout.write(f"Restored the database {media}from {path.name} ({manifest['created']}).")

    def _confirmed(self):
        try:
            answer = input(
                "This replaces the site's database and media with the backup's. Continue? [y/N] "
            )
        except EOFError:  # no terminal to ask on
            return False
        return answer.strip().lower() in {"y", "yes"}
