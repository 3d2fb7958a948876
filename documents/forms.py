"""The publication form in the admin: one file per language."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from documents.languages import language_name_translated


class PublicationAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        files = self.formsets.get("files")
        if files is None or not hasattr(files, "cleaned_data"):
            return cleaned
        seen = set()
        for form in files.forms:
            data = getattr(form, "cleaned_data", None) or {}
            document = data.get("document")
            if data.get("DELETE") or document is None:
                continue
            if document.language in seen:
                raise ValidationError(
                    _(
                        "Two files are in %(language)s. A publication has one file per "
                        "language: remove one, or correct the document's language."
                    )
                    % {"language": language_name_translated(document.language)}
                )
            seen.add(document.language)
        return cleaned
