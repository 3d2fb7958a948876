"""The admin's button for a lost phone or key: a superuser removes a user's second factors."""

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from signin.factors import remove_second_factors


@require_http_methods(["GET", "POST"])
def remove_second_factor(request, user_id):
    if not request.user.is_superuser:
        raise PermissionDenied
    user = get_object_or_404(get_user_model(), pk=user_id)
    if request.method == "POST":
        remove_second_factors(user, by=request.user)
        messages.success(
            request,
            _("%(name)s's second factors were removed. They set up a new one at next sign-in.")
            % {"name": user.get_username()},
        )
        return redirect("wagtailusers_users:index")
    return TemplateResponse(
        request,
        "signin/remove_second_factor.html",
        {
            "subject": user,
            "kinds": Authenticator.objects.filter(user=user).values_list("type", flat=True),
            "header_title": _("Remove second factor"),
        },
    )
