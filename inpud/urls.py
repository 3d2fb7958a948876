from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls

from hosting import media, sitemap, views
from pages.search import search

urlpatterns = [
    # One way in for staff: allauth's sign-in with its second factor. Wagtail's own
    # password-only form is replaced by a redirect (GET and POST alike), before its URLs.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
        name="wagtailadmin_login",
    ),
    path("accounts/", include("allauth.urls")),
    path("admin/", include(wagtailadmin_urls)),
    # The library's serve view replaces Wagtail's (same URL names): it adds Range requests.
    path("documents/", include("documents.urls")),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("sitemap.xml", sitemap.sitemap_index, name="sitemap_index"),
    path("sitemap-<str:language_code>.xml", sitemap.sitemap_language, name="sitemap_language"),
]

if not settings.AWS_STORAGE_BUCKET_NAME:
    # Media on local disk, in development as in production: images only, never documents,
    # which only the document view serves, after its privacy checks (hosting.media).
    urlpatterns += [re_path(r"^media/(?P<path>.+)$", media.serve_image, name="media_image")]

# Every public page carries its language prefix (/en/, /fr/, ...). A request for "/"
# matches nothing here, so LocaleMiddleware redirects it to the visitor's best language.
urlpatterns += i18n_patterns(
    path("search/", search, name="search"),
    path("", include("mirrors.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# A database outage answers 503 with a page that needs no database (hosting.outage).
handler500 = "hosting.outage.server_error"
