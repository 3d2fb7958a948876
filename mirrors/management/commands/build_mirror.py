"""`manage.py build_mirror [folder]`: the public site as static files (README "When the
site is blocked"). Run it on a schedule or after publishing; an unchanged site rewrites
nothing."""

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from mirrors import manifest
from mirrors.folder import build_mirror


class Command(BaseCommand):
    help = "Write the public site as static files into a folder (default: mirror/)."

    def add_arguments(self, parser):
        parser.add_argument("folder", nargs="?", default="mirror")
        parser.add_argument(
            "--key-file",
            default=os.environ.get("MIRROR_SIGNING_KEY_FILE"),
            help="INPUD's minisign secret key (kept off the server); its password, if any, "
            "in MIRROR_SIGNING_KEY_PASSWORD. Without it the manifest is not signed.",
        )
        parser.add_argument(
            "--public-url",
            default=settings.PUBLIC_SITE_URL,
            help="The main site's public address, which canonical links name "
            "(default: PUBLIC_SITE_URL).",
        )

    def handle(self, folder, key_file, public_url, **options):
        secret_key = None
        if key_file:
            try:
                password = os.environ.get("MIRROR_SIGNING_KEY_PASSWORD")
                secret_key = manifest.load_secret_key(key_file, password)
            except (OSError, ValueError, manifest.minisign.Error) as error:
                raise CommandError(f"cannot read the signing key: {error}") from error
        started = time.monotonic()
        try:
            report = build_mirror(Path(folder), public_url.rstrip("/"), secret_key)
        except ValueError as error:
            raise CommandError(str(error)) from error
        seconds = time.monotonic() - started
        self.stdout.write(
            f"Mirror in {folder}: {report.files} files, {report.size / 1e6:.1f} MB, "
            f"{report.written} written, {report.deleted} removed, in {seconds:.1f} s."
        )
        if not report.signed:
            self.stderr.write(
                "The manifest is not signed (no --key-file): copies cannot be checked"
            )
