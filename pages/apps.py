from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from pages import signals  # noqa: F401  (connects the receivers)

        self.connect_page_cache()

    @staticmethod
    def connect_page_cache():
        """The snippets visitors see (sitewide/apps.py watches Wagtail's own models)."""
        from django.apps import apps

        from hosting.page_cache import connect_invalidation

        watched = [
            "pages.Footer",
            "pages.Person",
            "pages.SiteIdentity",
        ]
        connect_invalidation([apps.get_model(label) for label in watched])
