"""``CustomFieldsMixin``: the one line that gives a record type's viewset its custom fields,
on the form (in their place), the inspect page, the history, the listing (columns, filters,
search) and a "save this query" button::

    class ScopedSnippetViewSet(CustomFieldsMixin, SnippetViewSet): ...

Like protection.views.scoped, it wraps each view the viewset constructs, so a registry's own
view classes (a logged edit view, a masked inspect view) keep working underneath."""

from urllib.parse import urlencode

import django_filters
from django.db.models import ForeignKey, QuerySet
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, TitleColumn
from wagtail.admin.views.generic.models import IndexView, InspectView, RevisionsCompareView
from wagtail.admin.widgets.button import Button

from . import queries, records, values
from .forms import extend_edit_handler
from .models import Kind


def _wrap(view_class, mixin, **attrs):
    if issubclass(view_class, mixin):
        return view_class
    return type(view_class.__name__, (mixin, view_class), attrs)


def custom_filter(field, child=None):
    """A django-filter filter for a custom field, matching through the value index. With
    child=(model, foreign key name), the field belongs to an inline child (a guardian) and the
    filter finds its parents (the minors)."""

    def method(queryset, name, value):
        if value in (None, "", []) or (field.kind == Kind.DATE and not any(value)):
            return queryset
        ids = values.matching_ids(field, value)
        if child is not None:
            model, key = child
            ids = model._default_manager.filter(pk__in=ids).values(key)
        return queryset.filter(pk__in=ids)

    label = field.label
    if child is not None:
        label = f"{child[0]._meta.verbose_name}·{field.label}"
    common = {"label": label, "method": method}
    if field.kind == Kind.YES_NO:
        return django_filters.ChoiceFilter(choices=values.YES_NO_CHOICES[1:], **common)
    if field.kind in (Kind.CHOICE, Kind.CHOICES):
        pairs = [(c, c) for c in field.choice_list()]
        return django_filters.ChoiceFilter(choices=pairs, **common)
    if field.kind in (Kind.TOWNSHIP, Kind.VILLAGE):
        model = values.reference_model(field.kind)
        return django_filters.ModelChoiceFilter(queryset=model.objects.all(), **common)
    if field.kind == Kind.DATE:
        return django_filters.DateFromToRangeFilter(widget=DateRangePickerWidget, **common)
    if field.kind == Kind.NUMBER:
        return django_filters.NumberFilter(**common)
    return django_filters.CharFilter(**common)


class CustomListingMixin:
    """Custom columns, filters and search on a listing; the saved query's columns; the
    "save this query" button."""

    record_key = None
    custom_viewset = None

    @cached_property
    def custom_fields(self):
        return values.fields_for(self.record_key)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Set on the instance, where a viewset's own filterset_class would be too.
        extra = {f.form_name: custom_filter(f) for f in self.custom_fields if f.in_filters}
        for child_key, _relation, key in children_of(self.record_key):
            child = (records.model_for(child_key), key)
            for field in values.fields_for(child_key):
                if field.in_filters:
                    extra[field.form_name] = custom_filter(field, child)
        if extra:
            base = self.filterset_class
            if base is None:
                meta = type("Meta", (), {"model": self.model, "fields": []})
                base = type(f"{self.model.__name__}FilterSet", (WagtailFilterSet,), {"Meta": meta})
            self.filterset_class = type(base.__name__, (base,), extra)

    def search_queryset(self, queryset):
        found = super().search_queryset(queryset)
        if not self.record_key or not self.is_searching or not isinstance(found, QuerySet):
            return found
        return found | queryset.filter(values.search_q(self.record_key, self.search_query))

    @cached_property
    def columns(self):
        columns = list(super().columns)
        for field in self.custom_fields:
            if field.in_listing:
                columns.append(
                    Column(
                        field.form_name,
                        label=field.label,
                        accessor=lambda obj, field=field: self.custom_display(obj, field),
                    )
                )
        chosen = self.request.GET.getlist("columns")
        if chosen:  # a saved query's columns; the title and the bulk-action boxes stay
            kept = (TitleColumn, BulkActionsCheckboxColumn)
            shown = [c for c in columns if isinstance(c, kept) or c.name in chosen]
            columns = queries.in_chosen_order(shown, chosen)
        return columns

    def custom_display(self, obj, field):
        if not hasattr(self, "_custom_page"):
            page = [o.pk for o in getattr(self, "_page_objects", [obj])]
            self._custom_page = values.read(self.record_key, page, self.custom_fields)
            self._custom_names = values.reference_names(self.custom_fields, self._custom_page)
        value = self._custom_page.get(obj.pk, {}).get(field.pk)
        return values.display(field, value, names=self._custom_names.get(field.kind))

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        self._page_objects = list(context.get("object_list") or [])
        return context

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        query = self.request.GET.copy()
        for name in ("p", "_w_filter_fragment", "export"):
            query.pop(name, None)
        url = (
            reverse("lowcode_save_query")
            + "?"
            + urlencode({"listing": self.custom_viewset.url_namespace, "query": query.urlencode()})
        )
        buttons.append(Button(_("Save this query"), url=url, icon_name="folder-open-inverse"))
        return buttons


class CustomCompareMixin:
    """Compare between revisions: each revision's object carries the custom values the
    revision holds (signals.revision_saved), which the custom-field panels compare."""

    def _get_revision_and_heading(self, revision_id):
        obj, heading = super()._get_revision_and_heading(revision_id)
        if revision_id == "live":
            obj.lowcode_revision_values = values.revision_values(obj)
            return obj, heading
        revisions = self.object.revisions.order_by("created_at", "id")
        if revision_id == "earliest":
            revision = revisions.first()
        elif revision_id == "latest":
            revision = revisions.last()
        else:
            revision = revisions.filter(id=revision_id).first()
        content = revision.content if revision is not None else {}
        obj.lowcode_revision_values = content.get(values.REVISION_KEY, {})
        return obj, heading


class CustomInspectMixin:
    record_key = None

    def get_fields_context(self):
        context = list(super().get_fields_context())
        context += inspect_rows(self.record_key, self.object)
        return context


def inspect_rows(key, instance):
    """Inspect-page rows of a record's custom values and those of its inline children
    (a minor's guardians). Archived fields show while they hold a value."""
    rows = []
    fields = values.fields_for(key, include_archived=True)
    current = values.read_one(instance, fields)
    for field in fields:
        if field.pk not in current and (
            field.archived or not values.applies_to_record(field, instance)
        ):
            continue
        rows.append(
            {
                "label": field.label,
                "value": values.display(field, current.get(field.pk)),
                "component": None,
            }
        )
    for child_key, relation, _key in children_of(key):
        child_fields = values.fields_for(child_key, include_archived=True)
        if not child_fields:
            continue
        for child in getattr(instance, relation).all():
            child_values = values.read_one(child, child_fields)
            for field in child_fields:
                if field.archived and field.pk not in child_values:
                    continue
                value = values.display(field, child_values.get(field.pk))
                rows.append(
                    {"label": f"{child} · {field.label}", "value": value, "component": None}
                )
    return rows


def children_of(key):
    """[(child key, relation name, foreign key name)] of record types edited inline in this
    one (a minor's guardians)."""
    found = []
    parent = records.model_for(key)
    for child_key, (_label, _name, parent_key) in records.RECORD_TYPES.items():
        child = records.model_for(child_key)
        if parent_key != key or child is None or parent is None:
            continue
        for field in child._meta.get_fields():
            if isinstance(field, ForeignKey) and field.related_model is parent:
                found.append((child_key, field.remote_field.related_name, field.attname))
    return found


class CustomFieldsMixin:
    """For a SnippetViewSet: custom fields when its model is one of lowcode.records' record
    types, and the "save this query" button on its listing in any case."""

    @cached_property
    def custom_record_key(self):
        return records.key_for(self.model)

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        if handler is None or self.custom_record_key is None:
            return handler
        return extend_edit_handler(handler, self.model)

    def construct_view(self, view_class, **kwargs):
        key = self.custom_record_key
        if issubclass(view_class, IndexView):
            # Every listing can be saved as a query; only record types have custom fields.
            view_class = _wrap(view_class, CustomListingMixin, record_key=key, custom_viewset=self)
        elif key is not None and issubclass(view_class, RevisionsCompareView):
            view_class = _wrap(view_class, CustomCompareMixin)
        elif key is not None and issubclass(view_class, InspectView):
            view_class = _wrap(view_class, CustomInspectMixin, record_key=key)
        return super().construct_view(view_class, **kwargs)
