from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def start_widgets_without_inline_scripts():
    """See hosting/static/hosting/js/admin-init.js and templates/wagtailadmin/."""
    return format_html('<script src="{}"></script>', static("hosting/js/admin-init.js"))
