"""python manage.py clean_images

Cleans images stored before uploads were cleaned: each original is rewritten from its
pixels (hosting/image_cleaning.py) under a neutral name, the raw file is deleted, and its
renditions are deleted so they are made again from the clean file. Images whose name shows
they are clean already are skipped, so running it again is quick and changes nothing. An
image that cannot be read is reported by id and title and left as it is, for an editor to
replace or delete, and the command then exits with an error so it is not missed.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.images import get_image_model

from hosting.image_uploads import clean_stored_image


class Command(BaseCommand):
    help = "Remove location, camera and other metadata from images already stored."

    def handle(self, *args, **options):
        cleaned = skipped = failed = 0
        for image in get_image_model().objects.order_by("pk").iterator():
            try:
                with transaction.atomic():
                    changed = clean_stored_image(image)
            except (ValidationError, OSError) as error:
                failed += 1
                reason = "; ".join(getattr(error, "messages", [str(error)]))
                self.stderr.write(f"image {image.pk} “{image.title}”: not cleaned: {reason}")
                continue
            if changed:
                cleaned += 1
                self.stdout.write(f"image {image.pk} “{image.title}”: cleaned")
            else:
                skipped += 1
        plural = "" if cleaned == 1 else "s"
        summary = f"{cleaned} image{plural} cleaned, {skipped} already clean"
        self.stdout.write(summary)
        if failed:
            raise CommandError(
                f"{failed} could not be read (listed above): replace or delete them in the admin."
            )
