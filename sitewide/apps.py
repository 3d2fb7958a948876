from django.apps import AppConfig


class SitewideConfig(AppConfig):
    """What every part of the site shares, below the content apps (pages, documents):
    which language a visitor gets (languages.py), page numbers, search query cleaning."""

    name = "sitewide"
    verbose_name = "Site-wide"

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_delete, post_save

        from hosting.page_cache import connect_invalidation
        from sitewide import languages

        for signal in (post_save, post_delete):
            signal.connect(
                languages.forget_locales_on_change,
                sender="wagtailcore.Locale",
                dispatch_uid=f"forget-locales-{signal}",
            )
        watched = [
            "wagtailcore.Page",  # deletions (publication goes through page_published)
            "wagtailcore.Site",
            "wagtailcore.Locale",
            "wagtailcore.PageViewRestriction",
            "wagtailcore.Collection",  # a move under or out of a restricted one
            "wagtailcore.CollectionViewRestriction",
            "wagtailimages.Image",
        ]
        connect_invalidation([apps.get_model(label) for label in watched])
