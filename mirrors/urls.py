from django.urls import path

from mirrors import views

urlpatterns = [path("if-blocked/", views.if_blocked, name="if_blocked")]
