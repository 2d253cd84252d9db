"""Saving a listing's current search, filters and columns as a named query (or over one of the
user's own queries: "update this query"), editing a query's name, sharing, pin and e-mail, and
the list of a user's queries. Only the owner changes a query; the members of the group it is
shared with read it. Every save is written to the audit log with what changed."""

from django import forms
from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from .. import queries
from ..models import SavedQuery
from .rules import EDITED, changes_of


class QueryForm(forms.Form):
    """What the owner sets on a query: its name, columns (in their order), sharing, and the
    owner's own pin and weekly e-mail."""

    name = forms.CharField(
        label=gettext_lazy("name"),
        max_length=100,
        help_text=gettext_lazy("e.g. 我的逾期走访 (my overdue visits)."),
    )
    columns = forms.MultipleChoiceField(
        label=gettext_lazy("columns"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "The columns to show, in the order listed here (the listing's order first); all "
            "if none is ticked."
        ),
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

    def __init__(self, *args, user, column_choices, chosen_columns=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shared_with"].queryset = user.groups.order_by("name")
        # The chosen columns first, in their order: the browser sends the ticked boxes in the
        # order they are drawn, so the order is kept when the form is saved.
        labels = dict(column_choices)
        first = [(name, labels[name]) for name in chosen_columns if name in labels]
        rest = [pair for pair in column_choices if pair[0] not in chosen_columns]
        self.fields["columns"].choices = first + rest
        self.fields["columns"].initial = list(chosen_columns)


class SaveQueryForm(QueryForm):
    update = forms.ModelChoiceField(
        label=gettext_lazy("save as"),
        queryset=SavedQuery.objects.none(),
        required=False,
        empty_label=gettext_lazy("a new query"),
        help_text=gettext_lazy(
            "Or update one of your queries on this listing with the search, filters and "
            "columns shown now."
        ),
    )
    field_order = ["update", "name", "columns", "shared_with", "pin", "subscribe"]

    def __init__(self, *args, user, listing, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["update"].queryset = SavedQuery.objects.filter(owner=user, listing=listing)


def _state(saved, user):
    """A query's settings as the form shows them, for the user (pin and e-mail are theirs)."""
    return {
        "name": saved.name,
        "columns": queries.columns_of(saved),
        "shared_with": saved.shared_with_id,
        "pin": saved.pinned_by.filter(pk=user.pk).exists(),
        "subscribe": saved.subscribers.filter(pk=user.pk).exists(),
    }


def _apply(saved, data, user, query=None):
    """Store the form's values on the query (and the listing's address, when re-saved)."""
    saved.name = data["name"]
    saved.shared_with = data["shared_with"]
    params = QueryDict(saved.query if query is None else query, mutable=True)
    params.setlist("columns", data["columns"])
    saved.query = params.urlencode()
    saved.save()
    for wanted, users in ((data["pin"], saved.pinned_by), (data["subscribe"], saved.subscribers)):
        (users.add if wanted else users.remove)(user)


def save_query(request):
    listing = request.GET.get("listing") or request.POST.get("listing", "")
    query = request.GET.get("query", request.POST.get("query", ""))
    viewset = queries.viewset_for(listing)
    if viewset is None or not queries.may_use(viewset, request.user):
        raise Http404
    query, opened_from = queries.split_query(query)
    current = SavedQuery.objects.filter(owner=request.user, listing=listing, pk=opened_from)
    current = current.first()
    initial = {"update": current.pk, "name": current.name} if current else {}
    if current:
        initial.update(_state(current, request.user))
        del initial["columns"]  # the listing's columns now, not those saved before
    form = SaveQueryForm(
        request.POST or None,
        initial=initial,
        user=request.user,
        listing=listing,
        column_choices=queries.listing_columns(viewset, request.user),
        chosen_columns=QueryDict(query).getlist("columns"),
    )
    if request.method == "POST" and form.is_valid():
        saved = form.cleaned_data["update"]
        if saved is None:
            saved = SavedQuery(owner=request.user, listing=listing)
            _apply(saved, form.cleaned_data, request.user, query)
            log(saved, "wagtail.create", user=request.user)
        else:
            form.initial = _state(saved, request.user)
            changes = changes_of(form, fields=["name", "columns", "shared_with"])
            before, after = queries.filters_of(saved.query), queries.filters_of(query)
            if before != after:
                changes[str(_("search and filters"))] = {"from": before, "to": after}
            _apply(saved, form.cleaned_data, request.user, query)
            log(saved, EDITED, user=request.user, data={"changes": changes})
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


def edit_query(request, pk):
    """The owner edits the query; a member of the group it is shared with reads it."""
    saved = get_object_or_404(SavedQuery.usable_by(request.user), pk=pk)
    viewset = queries.viewset_for(saved.listing)
    mine = saved.owner_id == request.user.pk
    if not mine:
        if request.method == "POST":
            raise PermissionDenied
        return TemplateResponse(
            request,
            "lowcode/query_detail.html",
            {
                "saved": saved,
                "url": queries.listing_url(saved),
                "filters": queries.filters_shown(saved),
                "columns": queries.column_labels(saved, request.user),
                "page_title": saved.name,
            },
        )
    if viewset is None:
        raise Http404
    form = QueryForm(
        request.POST or None,
        initial=_state(saved, request.user),
        user=request.user,
        column_choices=queries.listing_columns(viewset, request.user),
        chosen_columns=queries.columns_of(saved),
    )
    if request.method == "POST" and form.is_valid():
        changes = changes_of(form)
        _apply(saved, form.cleaned_data, request.user)
        log(saved, EDITED, user=request.user, data={"changes": changes})
        messages.success(request, _("Query '%(name)s' saved.") % {"name": saved.name})
        return redirect("lowcode_queries")
    return TemplateResponse(
        request,
        "lowcode/edit_query.html",
        {
            "form": form,
            "saved": saved,
            "url": queries.listing_url(saved),
            "filters": queries.filters_shown(saved),
            "page_title": _("Edit query"),
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
        log(saved, "wagtail.delete", user=request.user)
        saved.delete()
    else:
        raise Http404
    return redirect(request.POST.get("next") or reverse("lowcode_queries"))
