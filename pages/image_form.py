"""The admin's image form: every image needs a description, which Wagtail uses as its alt
text, and every upload is cleaned of what it says about the person who took it
(settings.WAGTAILIMAGES_IMAGE_FORM_BASE points here)."""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy
from wagtail.images.forms import BaseImageForm

from hosting.image_cleaning import CleanedImageFile, clean_image, unreadable_message

ALT_TEXT_HELP = (
    "Required: what the image shows, for people who cannot see it (screen readers read "
    "this aloud). One sentence, e.g. “Activists holding a ‘Nothing about us without us’ "
    "banner”. Not the file name."
)
ALT_TEXT_MISSING = (
    "Please describe the image: this text is read aloud to people who cannot see it (alt text)."
)
UPLOAD_HELP = gettext_lazy(
    "JPEG, PNG, GIF or WebP. For the safety of the people in it and of whoever took it, the "
    "site removes what the file says beyond the picture: the place it was taken (GPS), the "
    "camera or phone, dates, names and comments. The file gets a neutral name, and photos "
    "are turned the right way up."
)


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].help_text = UPLOAD_HELP
            self.fields["file"].to_python = self._read_or_refuse(self.fields["file"].to_python)
        description = self.fields.get("description")
        # The bulk uploader's first step posts only the file and title, then asks for the
        # rest (this form again, description included): require it wherever it is asked.
        if description is None or (self.is_bound and "description" not in self.data):
            return
        description.required = True
        description.help_text = ALT_TEXT_HELP
        description.error_messages["required"] = ALT_TEXT_MISSING

    @staticmethod
    def _read_or_refuse(to_python):
        """Wagtail's image field lets Pillow's error through when a file's header is cut
        off (a 500): make it the form's error."""

        def read(data):
            try:
                return to_python(data)
            except OSError as error:
                raise ValidationError(unreadable_message(), code="unreadable") from error

        return read

    def clean_file(self):
        """A new upload is cleaned here (hosting/image_cleaning.py), so that a file the
        cleaning cannot read is this form's error rather than a failed save."""
        upload = self.cleaned_data.get("file")
        if not isinstance(upload, UploadedFile):
            return upload
        upload.seek(0)
        return CleanedImageFile.of(clean_image(upload.read()))
