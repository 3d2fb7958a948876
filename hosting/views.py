"""robots.txt and /.well-known/security.txt."""

import datetime

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe


@require_safe
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    lines = ["User-agent: *"]
    lines += [f"Disallow: {prefix}" for prefix in settings.ADMIN_PATH_PREFIXES]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=3600)
def security_txt(request):
    """RFC 9116. The expiry rolls forward with each deploy unless SECURITY_TXT_EXPIRES pins it."""
    expires = settings.SECURITY_TXT_EXPIRES or (
        datetime.datetime.now(datetime.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        + datetime.timedelta(days=180)
    ).strftime("%Y-%m-%dT%H:%M:%SZ")
    lines = [f"Contact: {contact}" for contact in settings.SECURITY_TXT_CONTACTS]
    lines += [
        f"Expires: {expires}",
        "Preferred-Languages: " + ", ".join(code for code, _ in settings.LANGUAGES),
        f"Canonical: {request.build_absolute_uri()}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
