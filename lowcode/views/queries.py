"""Saving a listing's current search, filters and columns as a named query, and the list of a
user's queries with pinning, weekly e-mail and removal."""

from django import forms
from django.contrib import messages
from django.contrib.auth.models import Group
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import queries
from ..models import SavedQuery


class SaveQueryForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("name"),
        max_length=100,
        help_text=gettext_lazy("e.g. 我的逾期走访 (my overdue visits)."),
    )
    columns = forms.MultipleChoiceField(
        label=gettext_lazy("columns"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("The columns to show; all if none is ticked."),
    )
    shared_with = forms.ModelChoiceField(
        label=gettext_lazy("share with"),
        queryset=Group.objects.none(),
        required=False,
        empty_label=gettext_lazy("nobody (private)"),
        help_text=gettext_lazy("Each member sees the records of their own jurisdiction only."),
    )
    pin = forms.BooleanField(
        label=gettext_lazy("show on my dashboard with its count"), required=False, initial=True
    )
    subscribe = forms.BooleanField(label=gettext_lazy("send me a weekly e-mail"), required=False)

    def __init__(self, *args, user, column_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shared_with"].queryset = user.groups.order_by("name")
        self.fields["columns"].choices = column_choices


def _columns_of(viewset, user):
    """The listing's data columns, as (name, label), read from its own index view."""
    from django.test import RequestFactory

    request = RequestFactory().get(reverse(viewset.get_url_name("list")))
    request.user = user
    function = viewset.index_view
    view = function.view_class(**function.view_initkwargs)
    view.setup(request)
    from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, TitleColumn

    return [
        (column.name, column.label)
        for column in view.columns
        if not isinstance(column, (TitleColumn, BulkActionsCheckboxColumn))
    ]


def save_query(request):
    listing = request.GET.get("listing") or request.POST.get("listing", "")
    query = request.GET.get("query", request.POST.get("query", ""))
    viewset = queries.viewset_for(listing)
    if viewset is None or not queries.may_use(viewset, request.user):
        raise Http404
    form = SaveQueryForm(
        request.POST or None,
        user=request.user,
        column_choices=_columns_of(viewset, request.user),
    )
    if request.method == "POST" and form.is_valid():
        from django.http import QueryDict

        params = QueryDict(query, mutable=True)
        params.setlist("columns", form.cleaned_data["columns"])
        saved = SavedQuery.objects.create(
            name=form.cleaned_data["name"],
            owner=request.user,
            listing=listing,
            query=params.urlencode(),
            shared_with=form.cleaned_data["shared_with"],
        )
        if form.cleaned_data["pin"]:
            saved.pinned_by.add(request.user)
        if form.cleaned_data["subscribe"]:
            saved.subscribers.add(request.user)
        messages.success(request, _("Query '%(name)s' saved.") % {"name": saved.name})
        return redirect(queries.listing_url(saved))
    return TemplateResponse(
        request,
        "lowcode/save_query.html",
        {
            "form": form,
            "listing": listing,
            "query": query,
            "listing_name": viewset.model._meta.verbose_name_plural,
            "page_title": _("Save this query"),
        },
    )


def my_queries(request):
    rows = []
    for saved in SavedQuery.usable_by(request.user).select_related("owner", "shared_with"):
        rows.append(
            {
                "query": saved,
                "count": queries.count(saved, request.user),
                "url": queries.listing_url(saved),
                "pinned": saved.pinned_by.filter(pk=request.user.pk).exists(),
                "subscribed": saved.subscribers.filter(pk=request.user.pk).exists(),
                "mine": saved.owner_id == request.user.pk,
            }
        )
    return TemplateResponse(
        request, "lowcode/my_queries.html", {"rows": rows, "page_title": _("Saved queries")}
    )


@require_POST
def change_query(request, pk, action):
    saved = get_object_or_404(SavedQuery.usable_by(request.user), pk=pk)
    if action == "pin":
        saved.pinned_by.add(request.user)
    elif action == "unpin":
        saved.pinned_by.remove(request.user)
    elif action == "subscribe":
        saved.subscribers.add(request.user)
    elif action == "unsubscribe":
        saved.subscribers.remove(request.user)
    elif action == "delete" and saved.owner_id == request.user.pk:
        saved.delete()
    else:
        raise Http404
    return redirect(request.POST.get("next") or reverse("lowcode_queries"))
