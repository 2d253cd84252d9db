"""Running a saved query: the listing's own view builds the queryset (its filterset, its
search, its custom fields), for the viewer, and protection.scope.visible narrows it once more,
so a shared query never shows anyone more than their own jurisdiction."""

from django.http import QueryDict
from django.test import RequestFactory
from django.urls import reverse
from wagtail.snippets.models import get_snippet_models

from protection.scope import visible

from . import records


def viewset_for(listing):
    """The snippet viewset whose URL namespace is `listing`, or None."""
    for model in get_snippet_models():
        viewset = records.viewset_of(model)
        if viewset is not None and viewset.url_namespace == listing:
            return viewset
    return None


def listing_choices():
    """[(namespace, name)] of the listings a query can be saved on."""
    found = []
    for model in get_snippet_models():
        viewset = records.viewset_of(model)
        if viewset is not None:
            found.append((viewset.url_namespace, str(model._meta.verbose_name_plural)))
    return sorted(found, key=lambda pair: pair[1])


def may_use(viewset, user):
    return viewset.permission_policy.user_has_any_permission(
        user, {"add", "change", "delete", "view"}
    )


def listing_url(saved):
    viewset = viewset_for(saved.listing)
    if viewset is None:
        return ""
    url = reverse(viewset.get_url_name("list"))
    return f"{url}?{saved.query}" if saved.query else url


def run(saved, user):
    """The records the query finds for this user (a queryset), or None when the listing is
    gone or the user may not open it."""
    viewset = viewset_for(saved.listing)
    if viewset is None or not user.is_active or not may_use(viewset, user):
        return None
    request = RequestFactory().get(reverse(viewset.get_url_name("list")))
    request.GET = QueryDict(saved.query)
    request.user = user
    view_function = viewset.index_view
    view = view_function.view_class(**view_function.view_initkwargs)
    view.setup(request)
    return visible(view.get_queryset(), user)


def count(saved, user):
    queryset = run(saved, user)
    return None if queryset is None else queryset.count()
