"""Two Content-Security-Policies: a strict one for the public site, a wider one for the admin.

Wagtail's admin sets inline styles from its widgets and previews uploads as blob: images;
the public site needs neither, so it does not get them.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class SiteAndAdminCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.ADMIN_PATH_PREFIXES)
        ):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts
