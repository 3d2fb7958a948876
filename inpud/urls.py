from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from pages.search import search

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # The library's serve view replaces Wagtail's (same URL names): it adds Range requests.
    path("documents/", include("documents.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page carries its language prefix (/en/, /fr/, ...). A request for "/"
# matches nothing here, so LocaleMiddleware redirects it to the visitor's best language.
urlpatterns += i18n_patterns(
    path("search/", search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
