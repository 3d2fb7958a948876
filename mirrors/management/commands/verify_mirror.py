"""`manage.py verify_mirror <folder> --public-key <key or file>`: whether a copy of the
mirror is INPUD's, unchanged (exit status 1 and the reasons when it is not)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mirrors import manifest


class Command(BaseCommand):
    help = "Check a mirror's signed manifest and every file's hash."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument(
            "--public-key",
            default=settings.MIRROR_PUBLIC_KEY,
            help="INPUD's minisign public key (RW...) or a .pub file (default: MIRROR_PUBLIC_KEY)",
        )

    def handle(self, folder, public_key, **options):
        if not public_key:
            raise CommandError("Give INPUD's public key (--public-key).")
        try:
            key = manifest.public_key(public_key)
        except (OSError, manifest.minisign.Error) as error:
            raise CommandError(f"cannot read the public key: {error}") from error
        problems = manifest.verify(Path(folder), key)
        if problems:
            for problem in problems:
                self.stderr.write(problem)
            raise CommandError(
                f"{folder} is not INPUD's mirror as signed: {len(problems)} problems"
            )
        self.stdout.write(f"{folder}: signature and every file's hash verify.")
