from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = "News and statements"

    def ready(self):
        from django.apps import apps

        from hosting.page_cache import connect_invalidation
        from news import signals  # noqa: F401  (connects the receivers)

        # Pages signal on publish; the type and topic names visitors read do not.
        connect_invalidation([apps.get_model("news", m) for m in ("NewsType", "Topic")])
