from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = "Document library"

    def ready(self):
        from django.apps import apps

        from documents import signals  # noqa: F401  (connects the receivers)
        from hosting.page_cache import connect_invalidation

        # Anything saved in the library changes what visitors see.
        watched = [
            "LibraryDocument",
            "OnlineEdition",
            "Category",
            "Publication",
            "PublicationFile",
            "PublicationSeries",
        ]
        connect_invalidation([apps.get_model("documents", name) for name in watched])
