from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages"

    def ready(self):
        from pages import signals  # noqa: F401  (connects the receivers)

        self.connect_page_cache()

    @staticmethod
    def connect_page_cache():
        """Everything visitors see, apart from pages (which signal on publish)."""
        from django.apps import apps

        from pages.cache import connect_invalidation

        watched = [
            "wagtailcore.Page",  # deletions (publication goes through page_published)
            "wagtailcore.Site",
            "wagtailcore.Locale",
            "wagtailcore.PageViewRestriction",
            "wagtailcore.Collection",  # a move under or out of a restricted one
            "wagtailcore.CollectionViewRestriction",
            "wagtailimages.Image",
            "pages.Footer",
            "pages.Person",
            "documents.LibraryDocument",
            "documents.Category",
            "documents.Publication",
            "documents.PublicationFile",
            "documents.PublicationSeries",
        ]
        connect_invalidation([apps.get_model(label) for label in watched])
