"""Two Content-Security-Policies: a strict one for the public site, a wider one for the admin.

Wagtail's admin sets inline styles from its widgets and previews uploads as blob: images;
the public site needs neither, so it does not get them.
"""

import json

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.admin.widgets.chooser import BaseChooser


class SiteAndAdminCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if getattr(request, "is_dummy", False):
            # A preview: Wagtail renders the page through the middleware again, with a
            # made-up request for the page's public URL (/en/about/aims/), and sends that
            # response to the admin's preview view, which the preview panel shows in an
            # iframe. Keep the public policy, so the preview shows what visitors will get,
            # but let the admin frame it: with the public `frame-ancestors 'none'` the
            # browser refuses to show the preview at all.
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ["'self'"]}
            return parts
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.ADMIN_PATH_PREFIXES)
        ):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts


def render_chooser_without_inline_script(original_render):
    """Wagtail's chooser widgets (page, document, image, snippet) end their HTML with an
    inline `<script>new PageChooser(id, options)</script>`, which the admin CSP refuses.
    This renders the same constructor call as data for hosting/js/admin-init.js instead.
    Widgets that customise render_js_init keep Wagtail's own rendering."""

    def render(self, name, value, attrs=None, renderer=None):
        if type(self).render_js_init is not BaseChooser.render_js_init:
            return original_render(self, name, value, attrs=attrs, renderer=renderer)
        id_ = attrs["id"]
        value_data = self.get_value_data(value)
        widget_html = self.render_html(name, value_data, attrs)
        starter = format_html(
            '<template data-inpud-init="chooser" data-inpud-constructor="{}" '
            'data-inpud-id="{}" data-inpud-options="{}"></template>',
            self.js_constructor,
            id_,
            json.dumps(self.get_js_init_options(id_, name, value_data)),
        )
        return mark_safe(widget_html + starter)  # noqa: S308 (widget_html is Wagtail's own)

    return render
