"""Running a saved query: the listing's own view builds the queryset (its filterset, its
search, its custom fields), for the viewer, and protection.scope.visible narrows it once more,
so a shared query never shows anyone more than their own jurisdiction."""

from django.http import QueryDict
from django.test import RequestFactory
from django.urls import get_resolver, reverse
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, TitleColumn
from wagtail.snippets.models import get_snippet_models

from protection.scope import visible

from . import records


def viewset_for(listing):
    """The snippet viewset whose URL namespace is `listing`, or None."""
    get_resolver().url_patterns  # noqa: B018  (registers the snippets: see records.viewset_of)
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


# The listing opened from a saved query names it in its address, so that its "Save this
# query" button can offer to update that query rather than save a new one.
OPENED_FROM = "saved_query"


def listing_url(saved):
    viewset = viewset_for(saved.listing)
    if viewset is None:
        return ""
    params = QueryDict(saved.query, mutable=True)
    params[OPENED_FROM] = str(saved.pk)
    return f"{reverse(viewset.get_url_name('list'))}?{params.urlencode()}"


def split_query(query):
    """(the listing's address parameters without the saved query's mark, that query's pk)."""
    params = QueryDict(query, mutable=True)
    opened_from = params.pop(OPENED_FROM, [None])[-1]
    return params.urlencode(), int(opened_from) if (opened_from or "").isdigit() else None


def columns_of(saved):
    """The columns the query shows, in its order (none: all of the listing's)."""
    return QueryDict(saved.query).getlist("columns")


def filters_of(query):
    """The search and filters of a listing's address, without its columns: what it finds."""
    params = QueryDict(query, mutable=True)
    params.pop("columns", None)
    params.pop(OPENED_FROM, None)
    return params.urlencode()


def filters_shown(saved):
    """[(name, value)] of the query's search and filters, to show on its page."""
    params = QueryDict(filters_of(saved.query))
    return [(name, "、".join(params.getlist(name))) for name in params]


def in_chosen_order(columns, chosen):
    """The listing's columns with the chosen ones in the order the user chose them: each
    chosen column takes the place of the one before it in that order, and the columns kept
    without being chosen (the title, the bulk-action boxes) stay where they are."""
    places = [index for index, column in enumerate(columns) if column.name in chosen]
    ordered = sorted((columns[index] for index in places), key=lambda c: chosen.index(c.name))
    result = list(columns)
    for index, column in zip(places, ordered, strict=True):
        result[index] = column
    return result


def listing_columns(viewset, user):
    """The listing's data columns, as (name, label), read from its own index view."""
    view = _index_view(viewset, user, QueryDict())
    return [
        (column.name, column.label)
        for column in view.columns
        if not isinstance(column, (TitleColumn, BulkActionsCheckboxColumn))
    ]


def column_labels(saved, user):
    viewset = viewset_for(saved.listing)
    labels = dict(listing_columns(viewset, user)) if viewset else {}
    return [labels.get(name, name) for name in columns_of(saved)]


def _index_view(viewset, user, params):
    request = RequestFactory().get(reverse(viewset.get_url_name("list")))
    request.GET = params
    request.user = user
    view_function = viewset.index_view
    view = view_function.view_class(**view_function.view_initkwargs)
    view.setup(request)
    return view


def run(saved, user):
    """The records the query finds for this user (a queryset), or None when the listing is
    gone or the user may not open it."""
    viewset = viewset_for(saved.listing)
    if viewset is None or not user.is_active or not may_use(viewset, user):
        return None
    view = _index_view(viewset, user, QueryDict(filters_of(saved.query)))
    return visible(view.get_queryset(), user)


def count(saved, user):
    queryset = run(saved, user)
    return None if queryset is None else queryset.count()
