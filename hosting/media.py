"""Serve uploaded images from local storage, and nothing else from MEDIA_ROOT.

Only image files under the folders Wagtail writes images to are served, with an image
content type, `nosniff` and a sandboxing CSP, so an uploaded file can never run as a page.
An image that only pages not yet live use (an embargoed statement's photo) is not served
before one of them goes live (is_public_image).
Documents are never served from here: they go through the document view, which checks
privacy. With object storage (AWS_STORAGE_BUCKET_NAME) image URLs point at the bucket.
"""

from pathlib import PurePosixPath

from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db.models import Count, Exists, IntegerField, OuterRef, Q
from django.db.models.functions import Cast
from django.http import FileResponse, Http404
from django.utils._os import safe_join
from django.views.decorators.http import require_safe
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

IMAGE_FOLDERS = {"images", "original_images"}
IMAGE_TYPES = {
    ".gif": "image/gif",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".avif": "image/avif",
}


def image_id_for(path):
    """The image an original or a rendition file belongs to, or None."""
    image_model = get_image_model()
    if path.startswith("original_images/"):
        found = image_model.objects.filter(file=path)
    else:
        found = image_model.get_rendition_model().objects.filter(file=path)
        found = found.values_list("image_id", flat=True)
        return found.first()
    return found.values_list("pk", flat=True).first()


def is_public_image(image_id):
    """Whether visitors may see the image: unless everything that uses it (Wagtail's
    reference index) is a page that is not live, such as a news item embargoed until its
    time. An image a snippet or a setting uses (a board photo, the logo), one a live page
    uses, and one nothing uses yet stay public. One query."""
    page_type = ContentType.objects.get_for_model(Page)
    live_page = Page.objects.filter(live=True, pk=Cast(OuterRef("object_id"), IntegerField()))
    uses = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(get_image_model()),
        to_object_id=str(image_id),
    ).annotate(on_live_page=Exists(live_page))
    counts = uses.aggregate(
        total=Count("pk"),
        shown=Count("pk", filter=~Q(base_content_type=page_type) | Q(on_live_page=True)),
    )
    return counts["total"] == 0 or counts["shown"] > 0


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
        image_id = image_id_for(path)
        if image_id is not None and not is_public_image(image_id):
            raise Http404("No such image")  # not yet: only unpublished pages use it
        handle = default_storage.open(path, "rb")
    except (ValueError, OSError, AttributeError) as error:
        raise Http404("No such image") from error
    response = FileResponse(handle, content_type=IMAGE_TYPES[suffix])
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response
