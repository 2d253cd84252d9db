"""Public and admin-side URLs of this app that Wagtail's page tree does not route."""

urlpatterns = []
