from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.log_actions import LogFormatter

from signin import views
from signin.factors import REMOVED


@hooks.register("register_log_actions")
def register_second_factor_removal(actions):
    @actions.register_action(REMOVED)
    class SecondFactorRemoved(LogFormatter):
        label = _("Remove second factor")

        def format_message(self, log_entry):
            return _("Second factor removed from %(user)s (lost phone or key)") % {
                "user": log_entry.label
            }


@hooks.register("register_admin_urls")
def second_factor_urls():
    return [
        path(
            "second-factor/<int:user_id>/remove/",
            views.remove_second_factor,
            name="signin_remove_second_factor",
        )
    ]


@hooks.register("register_user_listing_buttons")
def remove_second_factor_button(user, request_user):
    if not request_user.is_superuser:
        return []
    return [
        ListingButton(
            _("Remove second factor"),
            reverse("signin_remove_second_factor", args=[user.pk]),
            priority=90,
        )
    ]


@hooks.register("register_account_menu_item")
def second_factor_menu_item(request):
    return {
        "url": reverse("mfa_index"),
        "label": _("Second factor"),
        "help_text": _(
            "Add a security key or passkey, change your authenticator app, or make new "
            "recovery codes."
        ),
    }
