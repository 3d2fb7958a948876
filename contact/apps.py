from django.apps import AppConfig


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = "Contact and member networks"

    def ready(self):
        from django.apps import apps

        from contact import signals  # noqa: F401  (connects the receivers)
        from hosting.page_cache import connect_invalidation

        connect_invalidation([apps.get_model("contact", "MemberNetwork")])
