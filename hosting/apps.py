from django.apps import AppConfig


class HostingConfig(AppConfig):
    name = "hosting"
    verbose_name = "Hosting"

    def ready(self):
        from hosting import image_uploads

        image_uploads.connect()  # every image is cleaned before it is stored

        # The admin CSP forbids inline scripts; Wagtail 8's chooser widgets still emit one.
        # Listed with the template overrides in hosting/wagtail_forks.py (and tested there
        # against the installed original); tests/e2e/test_admin_csp.py checks the result.
        from wagtail.admin.widgets.chooser import BaseChooser

        from hosting.csp import render_chooser_without_inline_script

        BaseChooser.render = render_chooser_without_inline_script(BaseChooser.render)
