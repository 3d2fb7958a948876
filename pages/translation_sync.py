"""wagtail-localize's "Sync translated …" screen (Update existing translations), with its
"Publish immediately" open only to who may publish each translation.

Upstream asks only for the right to submit translations, which Editors and Translators
have, and then publishes every translation of the page or snippet: an Editor could put a
draft's text live in French past moderation (for a snippet never published, the text
synced is its draft's). Here the box is refused, nothing changed, unless the user may
publish every translation: a page's publish right on it, a moderated snippet's publish
right, a plain snippet's change right. Without the box the screen works as upstream's,
and the translations are published as any other change, through moderation.
"""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail.models import DraftStateMixin, Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail_localize.views import update_translations


def may_publish(user, translation):
    model = translation.source.specific_content_type.model_class()
    if issubclass(model, Page):
        target = translation.get_target_instance()
        return target.permissions_for_user(user).can_publish()
    action = "publish" if issubclass(model, DraftStateMixin) else "change"
    return ModelPermissionPolicy(model).user_has_permission(user, action)


class UpdateTranslationsView(update_translations.UpdateTranslationsView):
    def form_valid(self, form):
        if form.cleaned_data["publish_translations"]:
            translations = self.object.translations.filter(enabled=True)
            if not all(may_publish(self.request.user, each) for each in translations):
                # The screen's template shows no field errors: the admin's messages.
                messages.error(
                    self.request,
                    _(
                        "You may not publish all of these translations. Untick “Publish "
                        "immediately” to update them as drafts, then submit them for "
                        "moderation."
                    ),
                )
                return self.render_to_response(self.get_context_data())
        return super().form_valid(form)
