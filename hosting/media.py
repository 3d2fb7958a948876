"""Serve uploaded images from local storage, and nothing else from MEDIA_ROOT.

Only image files under the folders Wagtail writes images to are served, with an image
content type, `nosniff` and a sandboxing CSP, so an uploaded file can never run as a page.
Documents are never served from here: they go through the document view, which checks
privacy. With object storage (AWS_STORAGE_BUCKET_NAME) image URLs point at the bucket.
"""

from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils._os import safe_join
from django.views.decorators.http import require_safe

IMAGE_FOLDERS = {"images", "original_images"}
IMAGE_TYPES = {
    ".gif": "image/gif",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".avif": "image/avif",
}


@require_safe
def serve_image(request, path):
    parts = PurePosixPath(path).parts
    suffix = PurePosixPath(path).suffix.lower()
    in_image_folder = len(parts) > 1 and parts[0] in IMAGE_FOLDERS and ".." not in parts
    if not in_image_folder or suffix not in IMAGE_TYPES:
        raise Http404("Not an image")
    try:
        safe_join(str(default_storage.location), path)  # refuses anything outside MEDIA_ROOT
        if not default_storage.exists(path):
            raise Http404("No such image")
        handle = default_storage.open(path, "rb")
    except (ValueError, OSError, AttributeError) as error:
        raise Http404("No such image") from error
    response = FileResponse(handle, content_type=IMAGE_TYPES[suffix])
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response
