"""The admin's image form: every image needs a description, which Wagtail uses as its alt
text (settings.WAGTAILIMAGES_IMAGE_FORM_BASE points here)."""

from wagtail.images.forms import BaseImageForm

ALT_TEXT_HELP = (
    "Required: what the image shows, for people who cannot see it (screen readers read "
    "this aloud). One sentence, e.g. “Activists holding a ‘Nothing about us without us’ "
    "banner”. Not the file name."
)
ALT_TEXT_MISSING = (
    "Please describe the image: this text is read aloud to people who cannot see it (alt text)."
)


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        description = self.fields.get("description")
        # The bulk uploader's first step posts only the file and title, then asks for the
        # rest (this form again, description included): require it wherever it is asked.
        if description is None or (self.is_bound and "description" not in self.data):
            return
        description.required = True
        description.help_text = ALT_TEXT_HELP
        description.error_messages["required"] = ALT_TEXT_MISSING
