from django.apps import AppConfig


class MirrorsConfig(AppConfig):
    """The static mirror of the public site (`manage.py build_mirror`, `verify_mirror`) and
    how visitors find it: the mirror addresses and onion address editors manage, the
    "If this site is blocked" page, the Onion-Location header. It reads every content app,
    so it sits above them all (README "Layout")."""

    name = "mirrors"
    verbose_name = "Mirrors"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from hosting.page_cache import connect_invalidation
        from mirrors import onion
        from mirrors.models import MirrorSettings

        # The footer and the "If this site is blocked" page show the addresses.
        connect_invalidation([MirrorSettings])
        for signal in (post_save, post_delete):
            signal.connect(
                onion.forget, sender=MirrorSettings, dispatch_uid=f"forget-onion-{signal}"
            )
