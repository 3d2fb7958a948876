"""Uploaded images keep their picture and lose everything else: location, camera, names,
dates and comments, in the stored original and in every rendition, whichever way they come
in (hosting/image_cleaning.py, hosting/image_uploads.py)."""

import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image as PillowImage
from PIL import ImageSequence
from wagtail.images import get_image_model
from wagtail.models import Collection

from pages.image_form import UPLOAD_HELP
from tests.factories import (
    ANIMATION_COLOURS,
    ANIMATION_DURATIONS,
    BOTTOM_COLOUR,
    IDENTIFYING,
    TOP_COLOUR,
    PersonFactory,
    animated_image,
    image_from_bytes,
    phone_photo_jpeg,
    png_with_metadata,
    unchecked_image,
)

pytestmark = pytest.mark.django_db

Image = get_image_model()
NEUTRAL_NAME = re.compile(r"^original_images/[0-9a-f]{20}(_[A-Za-z0-9]{7})?\.(jpg|png|gif|webp)$")
# Every format the site's renditions are written in: the governance photos' WebP and JPEG,
# PNG and GIF for originals in those formats (Wagtail keeps the format), AVIF which Willow
# can write.
RENDITION_FORMATS = ["jpeg", "png", "webp", "gif", "avif"]


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@inpud.example", "pw"))
    return client


def upload_single(client, data, name):
    response = client.post(
        "/admin/images/add/",
        {
            "title": "At the clinic",
            "description": "Two colours",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, data, content_type="image/jpeg"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def upload_multiple(client, data, name):
    reply = client.post(
        "/admin/images/multiple/add/",
        {
            "title": "At the clinic",
            "collection": Collection.get_first_root_node().pk,
            "files[]": SimpleUploadedFile(name, data, content_type="image/jpeg"),
        },
    ).json()
    assert reply["success"], reply


def upload_multiple_held(client, data, name):
    """The multiple uploader's other path: when the first post fails on a field other than
    the file (here, a title too long), Wagtail holds the file aside and creates the image
    when the editor completes the form under it, copying the held file into place."""
    reply = client.post(
        "/admin/images/multiple/add/",
        {
            "title": "x" * 300,
            "collection": Collection.get_first_root_node().pk,
            "files[]": SimpleUploadedFile(name, data, content_type="image/jpeg"),
        },
    ).json()
    held = reply["uploaded_file_id"]
    prefix = f"uploaded-image-{held}"
    done = client.post(
        f"/admin/images/multiple/create_from_uploaded_image/{held}/",
        {
            f"{prefix}-title": "At the clinic",
            f"{prefix}-description": "Two colours",
            f"{prefix}-collection": Collection.get_first_root_node().pk,
            f"{prefix}-tags": "",
        },
    ).json()
    assert done["success"], done


def upload_in_chooser(client, data, name):
    reply = client.post(
        "/admin/images/chooser/create/",
        {
            "image-chooser-upload-title": "At the clinic",
            "image-chooser-upload-description": "Two colours",
            "image-chooser-upload-collection": Collection.get_first_root_node().pk,
            "image-chooser-upload-file": SimpleUploadedFile(name, data, content_type="image/jpeg"),
        },
    ).json()
    assert reply["step"] in ("chosen", "select_format"), reply


def create_in_code(client, data, name):
    image_from_bytes(data)


WAYS_IN = {
    "admin": upload_single,
    "multiple": upload_multiple,
    "multiple-held": upload_multiple_held,
    "chooser": upload_in_chooser,
    "code": create_in_code,
}


def served(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def assert_carries_nothing(data):
    picture = PillowImage.open(io.BytesIO(data))
    assert [word for word in IDENTIFYING if word in data] == []
    assert dict(picture.getexif()) == {}
    assert not set(picture.info) & {"exif", "xmp", "icc_profile", "comment", "photoshop"}
    assert not getattr(picture, "text", {})
    for segment, _ in getattr(picture, "applist", []):
        assert segment == "APP0"  # JFIF only: no EXIF (APP1), ICC (APP2) or IPTC (APP13)
    return picture


def assert_upright(picture):
    """The phone's picture, turned as the phone showed it: taller than wide, TOP_COLOUR
    above BOTTOM_COLOUR."""
    width, height = picture.size
    assert height > width
    picture = picture.convert("RGB")
    assert close(picture.getpixel((width // 2, height // 4)), TOP_COLOUR)
    assert close(picture.getpixel((width // 2, 3 * height // 4)), BOTTOM_COLOUR)


def close(colour, expected, tolerance=40):
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


def test_the_phone_photo_is_what_the_tests_think_it_is():
    """The control: the upload itself carries all of it, and shows sideways without EXIF."""
    data = phone_photo_jpeg()
    picture = PillowImage.open(io.BytesIO(data))

    assert all(word in data for word in IDENTIFYING)
    assert picture.getexif()[0x0112] == 6
    assert picture.size == (60, 40)
    assert [segment for segment, _ in picture.applist].count("APP13") == 1


@pytest.mark.parametrize("way_in", WAYS_IN)
def test_a_phone_photo_is_stored_and_served_upright_without_its_metadata(
    admin_client, media_root, way_in
):
    WAYS_IN[way_in](admin_client, phone_photo_jpeg(), "ivan-at-the-clinic.jpg")

    image = Image.objects.get()
    assert NEUTRAL_NAME.match(image.file.name), image.file.name
    assert (image.width, image.height) == (40, 60)
    stored = (media_root / image.file.name).read_bytes()
    assert image.file_size == len(stored)
    assert_upright(assert_carries_nothing(stored))
    assert served(admin_client, image.file.url) == stored
    assert list((media_root / "original_images").iterdir()) == [media_root / image.file.name]
    for stored_file in media_root.rglob("*"):  # no raw copy left anywhere
        assert stored_file.is_dir() or b"Ivan Petrov" not in stored_file.read_bytes()


@pytest.mark.parametrize("output_format", RENDITION_FORMATS)
def test_every_rendition_format_is_upright_and_carries_nothing(client, output_format):
    image = image_from_bytes(phone_photo_jpeg())

    rendition = image.get_rendition(f"width-20|format-{output_format}")

    assert (rendition.width, rendition.height) == (20, 30)
    assert "ivan" not in rendition.url and "clinic" not in rendition.url
    picture = assert_carries_nothing(served(client, rendition.url))
    assert picture.format.lower() == output_format
    assert_upright(picture)


def test_a_png_loses_its_text_exif_and_xmp_chunks_and_keeps_its_pixels(admin_client, media_root):
    original = png_with_metadata()
    assert all(word in original for word in IDENTIFYING)  # the control

    upload_single(admin_client, original, "ivan.png")

    image = Image.objects.get()
    assert image.file.name.endswith(".png") and NEUTRAL_NAME.match(image.file.name)
    stored = (media_root / image.file.name).read_bytes()
    assert_carries_nothing(stored)
    assert png_chunks(stored) <= {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
    before = PillowImage.open(io.BytesIO(original)).convert("RGB")
    after = PillowImage.open(io.BytesIO(stored)).convert("RGB")
    assert after.tobytes() == before.tobytes()  # PNG stays lossless
    png_rendition = image.get_rendition("width-30")
    assert png_rendition.url.endswith(".png")
    assert_carries_nothing(served(admin_client, png_rendition.url))


def png_chunks(data):
    chunks, position = set(), 8
    while position < len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        chunks.add(data[position + 4 : position + 8])
        position += 12 + length
    return chunks


@pytest.mark.parametrize("format_name", ["GIF", "WEBP"])
def test_an_animation_keeps_every_frame_and_its_timing(admin_client, media_root, format_name):
    original = animated_image(format_name)

    upload_single(admin_client, original, f"ivan.{format_name.lower()}")

    image = Image.objects.get()
    stored = (media_root / image.file.name).read_bytes()
    assert b"Ivan Petrov" in original and b"Ivan Petrov" not in stored
    picture = assert_carries_nothing(stored)
    frames = [
        (frame.convert("RGB").getpixel((5, 5)), frame.info.get("duration"))
        for frame in ImageSequence.Iterator(picture)
    ]
    assert [colour for colour, _ in frames] == ANIMATION_COLOURS
    assert [duration for _, duration in frames] == ANIMATION_DURATIONS


def test_the_upload_form_tells_editors_what_is_removed(admin_client):
    html = admin_client.get("/admin/images/add/").content.decode()

    assert str(UPLOAD_HELP) in html
    assert "GPS" in str(UPLOAD_HELP)


@pytest.mark.parametrize("cut", ["pixels", "header"])
def test_a_damaged_image_is_the_forms_error_and_nothing_is_stored(admin_client, media_root, cut):
    photo = phone_photo_jpeg()
    damaged = photo[: len(photo) - 100] if cut == "pixels" else photo[:600]

    response = admin_client.post(
        "/admin/images/add/",
        {
            "title": "Cut off",
            "description": "Half a photo",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("cut.jpg", damaged, content_type="image/jpeg"),
        },
    )

    assert response.status_code == 200
    assert "This image could not be read" in response.content.decode()
    assert not Image.objects.exists()
    assert not (media_root / "original_images").exists()


def test_a_damaged_image_saved_in_code_is_refused_and_nothing_is_stored(media_root):
    # Wagtail's model reads the pixels when it is given a new file, and refuses first.
    with pytest.raises(OSError):
        image_from_bytes(phone_photo_jpeg()[:-100])
    # A file code put in storage itself is read by the cleaning, which refuses it and
    # deletes it.
    stored = default_storage.save("original_images/cut.jpg", ContentFile(b"\xff\xd8 not an image"))
    with pytest.raises(ValidationError, match="could not be read"):
        Image.objects.create(title="Cut", file=stored, width=60, height=40)

    assert not Image.objects.exists()
    assert list((media_root / "original_images").iterdir()) == []


def test_the_photo_still_shows_on_the_governance_page_at_its_size(client, about_tree):
    photo = image_from_bytes(phone_photo_jpeg(width=600, height=400))
    PersonFactory(name="Pictured Person", photo=photo)

    html = client.get("/en/about/governance/").content.decode()

    img = re.search(r"<img[^>]*>", html).group(0)
    assert 'width="160"' in img and 'height="160"' in img
    src = re.search(r'src="([^"]+)"', img).group(1)
    picture = assert_carries_nothing(served(client, src))
    assert picture.size == (160, 160)
    picture = picture.convert("RGB")  # the crop of an upright photo: top red, bottom blue
    assert close(picture.getpixel((80, 10)), TOP_COLOUR)
    assert close(picture.getpixel((80, 150)), BOTTOM_COLOUR)


def test_clean_images_cleans_old_photos_once_and_keeps_their_focal_point(media_root, client):
    # Stored before the cleaning existed: sideways pixels, EXIF, a name. Its focal point
    # was set on the upright picture (Wagtail reads focal points after turning it), on
    # the bottom half.
    old = unchecked_image(
        phone_photo_jpeg(),
        focal_point_x=20,
        focal_point_y=50,
        focal_point_width=10,
        focal_point_height=10,
    )
    square_before = served(client, old.get_rendition("fill-20x20").url)
    assert close(PillowImage.open(io.BytesIO(square_before)).getpixel((10, 10)), BOTTOM_COLOUR)
    out = io.StringIO()

    call_command("clean_images", stdout=out)

    image = Image.objects.get()
    assert NEUTRAL_NAME.match(image.file.name)
    assert (image.width, image.height) == (40, 60)
    assert_upright(assert_carries_nothing((media_root / image.file.name).read_bytes()))
    assert not (media_root / old.file.name).exists()  # the raw file is gone
    assert not image.renditions.exists()  # and the renditions made from it
    square = served(client, image.get_rendition("fill-20x20").url)
    assert close(PillowImage.open(io.BytesIO(square)).getpixel((10, 10)), BOTTOM_COLOUR)
    assert "1 image cleaned" in out.getvalue()

    again = io.StringIO()
    call_command("clean_images", stdout=again)

    assert "0 images cleaned, 1 already clean" in again.getvalue()
    assert Image.objects.get().file.name == image.file.name
