from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Document library"

    def ready(self):
        from documents import signals  # noqa: F401  (connects the receivers)
