"""Public URLs of this app that Wagtail's page tree does not route."""

from django.urls import path

from . import report, views

app_name = "content"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("report/", report.report, name="report"),
]
