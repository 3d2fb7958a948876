"""What is kept of an uploaded image: its pixels, upright, and nothing else.

A phone photo carries where it was taken (GPS), the camera's make, model and serial number,
the owner's name, dates, comments, editing history (XMP), captions and credits (IPTC) and
a thumbnail of the original picture. One event photo can tell an adversary where a member
was. So an image is decoded and written again from its pixels alone:

- it is turned upright first (the EXIF orientation is applied, then dropped), so it looks
  the same and its width and height are those visitors see;
- colours described by an embedded colour profile are converted to sRGB (the web's
  default) and the profile, which can name the device, is dropped;
- every frame of an animated GIF, PNG or WebP is kept, with its timing;
- a JPEG is written with its own quantization tables, so its quality stays the same.

The output is named after its content (`neutral_name`), never after what the uploader
typed: `ivan-at-the-clinic.jpg` names a person.
"""

import hashlib
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, ImageSequence, JpegImagePlugin, UnidentifiedImageError

# Pillow's format -> the extension stored. MPO is how Pillow reads many phones' JPEGs
# (a photo plus a depth or HDR map, each with its own EXIF): only the photo is kept.
EXTENSIONS = {"JPEG": "jpg", "MPO": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
OUTPUT_FORMATS = {"jpg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}
DEFAULT_MAX_PIXELS = 128_000_000  # Wagtail's own default for WAGTAILIMAGES_MAX_IMAGE_PIXELS
NAME_DIGITS = 20
LOSSY_WEBP_QUALITY = 90


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    extension: str
    width: int
    height: int

    @property
    def name(self):
        return neutral_name(self.data, self.extension)


class CleanedImageFile(ContentFile):
    """An image's content as `clean_image` wrote it, ready to store."""

    @classmethod
    def of(cls, clean):
        return cls(clean.data, name=clean.name)


def neutral_name(data: bytes, extension: str) -> str:
    return f"{hashlib.sha256(data).hexdigest()[:NAME_DIGITS]}.{extension}"


def is_neutral_name(name: str, data: bytes) -> bool:
    """Whether a stored file's name is the one `clean_image` gives its content: storage may
    add `_<7 characters>` when the name is taken."""
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem.split("_", 1)[0] == hashlib.sha256(data).hexdigest()[:NAME_DIGITS]


def clean_image(data: bytes) -> CleanImage:
    """The image `data` rewritten from its pixels; ValidationError if it cannot be read."""
    try:
        with Image.open(io.BytesIO(data)) as source:
            extension = EXTENSIONS.get(source.format)
            if extension is None:
                raise ValidationError(unreadable_message(), code="unreadable")
            _check_size(source)
            frames = _upright_frames(source, animated=extension != "jpg")
            out = io.BytesIO()
            _save(source, frames, extension, out, lossless_webp=_is_lossless_webp(data))
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(unreadable_message(), code="unreadable") from error
    width, height = frames[0][0].size
    return CleanImage(out.getvalue(), extension, width, height)


def _check_size(source):
    limit = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", DEFAULT_MAX_PIXELS)
    width, height = source.size
    if width * height * getattr(source, "n_frames", 1) > limit:
        raise ValidationError(too_large_message(), code="too_large")


def _upright_frames(source, animated):
    """[(frame, duration)], each frame a fresh image that carries no metadata."""
    if not animated or getattr(source, "n_frames", 1) == 1:
        upright = ImageOps.exif_transpose(source)
        return [(_bare(_to_srgb(upright, source.info.get("icc_profile")), source), 0)]
    orientation = source.getexif().get(0x0112, 1)
    method = {
        2: Image.Transpose.FLIP_LEFT_RIGHT,
        3: Image.Transpose.ROTATE_180,
        4: Image.Transpose.FLIP_TOP_BOTTOM,
        5: Image.Transpose.TRANSPOSE,
        6: Image.Transpose.ROTATE_270,
        7: Image.Transpose.TRANSVERSE,
        8: Image.Transpose.ROTATE_90,
    }.get(orientation)
    frames = []
    for frame in ImageSequence.Iterator(source):
        picture = frame.transpose(method) if method is not None else frame.copy()
        frames.append((_bare(picture, frame), frame.info.get("duration", 0)))
    return frames


def _to_srgb(image, icc_profile):
    if not icc_profile or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        return ImageCms.profileToProfile(
            image,
            ImageCms.ImageCmsProfile(io.BytesIO(icc_profile)),
            ImageCms.createProfile("sRGB"),
            outputMode="RGBA" if image.mode == "RGBA" else "RGB",
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # an unusable profile: the colours stay as the pixels say


def _bare(image, source):
    """`image` with no metadata left in it. Pillow's writers copy what an image's `info`
    holds (comments, EXIF, XMP, profiles) into the file, so only transparency stays."""
    image = image.copy()
    image.info = {}
    if "transparency" in source.info and image.mode in ("P", "L", "RGB", "LA", "I"):
        image.info["transparency"] = source.info["transparency"]
    return image


def _save(source, frames, extension, out, lossless_webp):
    first = frames[0][0]
    options = {}
    if "transparency" in first.info:
        options["transparency"] = first.info["transparency"]
    if len(frames) > 1:
        options.update(
            save_all=True,
            append_images=[frame for frame, _ in frames[1:]],
            duration=[duration for _, duration in frames],
        )
        if source.info.get("loop") is not None:  # absent: the animation plays once
            options["loop"] = source.info["loop"]
        if extension == "gif":
            options["disposal"] = 2  # each frame is whole: clear before drawing the next
    if extension == "jpg":
        if first.mode not in ("RGB", "L", "CMYK"):
            first = first.convert("RGB")
        options.update(optimize=True, qtables=getattr(source, "quantization", None) or None)
        sampling = JpegImagePlugin.get_sampling(source)
        if sampling != -1 and first.mode == "RGB":
            options["subsampling"] = sampling
    elif extension == "webp":
        options.update(lossless=lossless_webp, quality=100 if lossless_webp else LOSSY_WEBP_QUALITY)
    first.save(out, OUTPUT_FORMATS[extension], **options)


def _is_lossless_webp(data):
    """WebP names its image data VP8L when lossless, VP8 when lossy (in an animation, in
    each frame's ANMF chunk, after its 16-byte header)."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return False
    position = 12
    while position + 8 <= len(data):
        kind = data[position : position + 4]
        if kind == b"ANMF":
            kind = data[position + 24 : position + 28]
        if kind in (b"VP8L", b"VP8 ", b"ALPH"):
            return kind == b"VP8L"
        size = int.from_bytes(data[position + 4 : position + 8], "little")
        position += 8 + size + (size & 1)
    return False


def unreadable_message():
    return _(
        "This image could not be read: it may be damaged or incomplete. It was not saved. "
        "Open it in an image editor, save it again as JPEG or PNG, and upload that file."
    )


def too_large_message():
    return _(
        "This image has too many pixels to be processed. It was not saved. Make it smaller "
        "(for a photo, 4000 pixels wide is plenty) and upload it again."
    )
