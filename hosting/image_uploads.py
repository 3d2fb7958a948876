"""Where images are cleaned: as they are saved, whichever way they come in.

The admin's image form (pages/image_form.py) cleans an upload while it validates, so a file
that cannot be read is the form's error. Every other way in (the multiple uploader's held
files, images made in code such as the seed, fixtures, a shell) goes through Wagtail's
image model's save, where `clean_new_file` runs before the file reaches storage: no image
is stored that `clean_image` has not written. `clean_stored_image` is the same for an image
already stored (`manage.py clean_images`).
"""

from django.core.exceptions import ValidationError
from django.db.models.signals import post_init, post_save, pre_save
from wagtail.images import get_image_model

from hosting.image_cleaning import CleanedImageFile, clean_image, is_neutral_name


def connect():
    image_model = get_image_model()
    post_init.connect(remember_stored_file, sender=image_model, dispatch_uid="image-gate-init")
    pre_save.connect(clean_new_file, sender=image_model, dispatch_uid="image-gate")
    post_save.connect(remember_stored_file, sender=image_model, dispatch_uid="image-gate-saved")


def remember_stored_file(sender, instance, **kwargs):
    """The file name the database holds, to tell a new file from the stored one."""
    value = instance.__dict__.get("file")
    instance._stored_file_name = getattr(value, "name", value)


def clean_new_file(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields is not None and "file" not in update_fields):
        return
    if not _has_new_file(instance):
        return
    if not instance.file._committed:
        upload = instance.file.file
        upload.seek(0)
        _use(instance, clean_image(upload.read()))
        return
    try:
        clean_stored_image(instance, save=False)
    except ValidationError:
        instance.file.storage.delete(instance.file.name)  # nothing refused stays stored
        raise


def clean_stored_image(image, save=True):
    """Clean the file `image` has in storage, unless its name shows it is clean already;
    the raw file and its renditions are deleted. Returns whether anything changed."""
    name, storage = image.file.name, image.file.storage
    with storage.open(name, "rb") as stored:
        data = stored.read()
    if is_neutral_name(name, data):
        return False
    _use(image, clean_image(data))
    image.file.save(image.file.file.name, image.file.file, save=False)
    image._stored_file_name = image.file.name
    storage.delete(name)
    if image.pk is not None:
        image.renditions.all().delete()
    if save:
        image.save()
    return True


def _has_new_file(image):
    if "file" in image.get_deferred_fields() or not image.file:
        return False
    if not image.file._committed:
        return not isinstance(image.file.file, CleanedImageFile)
    # A file already in storage: Wagtail's multiple uploader copies a held upload there
    # before saving, and code may do the same.
    return image._state.adding or image.file.name != getattr(image, "_stored_file_name", None)


def _use(image, clean):
    """Point `image` at the cleaned content, with the size visitors see."""
    image.file = CleanedImageFile.of(clean)
    image.width, image.height = clean.width, clean.height
    image.file_size = len(clean.data)
    image._set_file_hash()
    _keep_focal_point_inside(image)


def _keep_focal_point_inside(image):
    """Wagtail reads focal points in the upright image's coordinates, which are now the
    stored ones: they stay, kept within the picture."""
    if image.focal_point_x is None:
        return
    image.focal_point_width = min(image.focal_point_width, image.width)
    image.focal_point_height = min(image.focal_point_height, image.height)
    image.focal_point_x = min(image.focal_point_x, image.width)
    image.focal_point_y = min(image.focal_point_y, image.height)
