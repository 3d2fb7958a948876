"""Static files (the site's CSS, the admin's assets) are public; their manifest is not.

collectstatic writes STATIC_ROOT readable by anyone, so a front server running as another
user can serve it, while every other file the site writes is for its own user only
(settings: FILE_UPLOAD_PERMISSIONS, manage.py's umask). The manifest (staticfiles.json,
every asset's name and fingerprint: a map of the admin's code for anyone probing it) is
kept beside STATIC_ROOT instead of in it, so nothing that serves that folder, whitenoise
or nginx, can serve the manifest.
"""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


def manifest_path(static_root=None):
    """Where the manifest lives: `<STATIC_ROOT>-manifest.json` beside the static folder."""
    root = Path(static_root or settings.STATIC_ROOT)
    return root.parent / f"{root.name}-manifest.json"


class ManifestBesideStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """whitenoise's storage (fingerprinted, compressed files) with its manifest kept out of
    the served folder."""

    def __init__(self, *args, location=None, **kwargs):
        manifest = manifest_path(location)
        self.manifest_name = manifest.name
        kwargs.setdefault(
            "manifest_storage",
            FileSystemStorage(
                location=manifest.parent,
                file_permissions_mode=kwargs.get("file_permissions_mode"),
            ),
        )
        super().__init__(*args, location=location, **kwargs)

    def save_manifest(self):
        super().save_manifest()
        # A manifest that an earlier collectstatic wrote into the served folder.
        if self.exists("staticfiles.json"):
            self.delete("staticfiles.json")
