"""Public URLs of this app that Wagtail's page tree does not route."""

from django.urls import path

from . import views

app_name = "content"

urlpatterns = [
    path("search/", views.search, name="search"),
]
