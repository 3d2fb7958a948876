"""The admin's document form: upload, edit, chooser upload and the multiple uploader
(settings.WAGTAILDOCS_DOCUMENT_FORM_BASE points here)."""

from django.utils.translation import gettext_lazy
from wagtail.documents.forms import BaseDocumentForm

UPLOAD_HELP = gettext_lazy(
    "PDF only. The site removes what could identify whoever made it (author, program and "
    "folders, dates, comment authors, earlier versions), and refuses PDFs with scripts, "
    "attachments or a password. The page count and text are read on upload."
)


class LibraryDocumentForm(BaseDocumentForm):
    """Wagtail's multiple uploader posts each file with its title and collection only, then
    shows this form under the file for the rest. Were the language required in that first
    post, Wagtail would not create the document: it would keep the file aside until the
    editor pressed "Update" under it, while telling them "Upload successful", and a file
    never updated would never reach the library. So a post without any language field
    stores the model's default (English), which the form under the file then shows
    selected. A form that has the field still requires a choice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"].help_text = UPLOAD_HELP
        language = self.fields.get("language")
        if language is not None and self.is_bound and self.add_prefix("language") not in self.data:
            language.required = False
