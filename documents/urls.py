"""Replaces wagtail.documents.urls: the same URL names, our serve view (Range support)."""

from django.urls import path
from wagtail.documents.views.serve import authenticate_with_password

from documents import views

urlpatterns = [
    path("<int:document_id>/<str:document_filename>", views.serve, name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]
