"""/<lang>/if-blocked/: where else the site can be read, and how to check a copy."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe
from wagtail.models import Site

from mirrors.models import MirrorSettings


def mirror_settings(request):
    """The site's mirror settings, or None. Not `for_site`, which creates the row: a
    visitor's request never writes (tests/test_visitors_do_not_write.py)."""
    site = Site.find_for_request(request)
    return MirrorSettings.objects.filter(site=site).first() if site else None


@require_safe
def if_blocked(request):
    found = mirror_settings(request)
    return TemplateResponse(
        request,
        "mirrors/if_blocked.html",
        {
            "mirrors": found.public_mirrors() if found else [],
            "onion_address": found.onion_address if found else "",
            "public_key": settings.MIRROR_PUBLIC_KEY,
            "public_url": settings.PUBLIC_SITE_URL,
        },
    )
