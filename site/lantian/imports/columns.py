"""Columns a registry's Resource does not declare itself: fields an administrator adds in the
admin (the low-code layer's custom fields), or any app's data hung on another app's record.

An app registers a *provider* for a model once, at start-up (``AppConfig.ready``)::

    from lantian.imports.columns import ExtraColumn, register_extra_columns

    def left_behind_columns(resource):
        return [
            ExtraColumn(
                name="custom_12",
                heading="是否留守儿童",
                clean=parse_bool,                       # cell -> value, or ValueError("原因")
                read=lambda minors: {m.pk: stored(m) for m in minors},   # {pk: value}
                write=lambda pairs: save_all(pairs),    # [(record, value)], after the bulk write
                render=lambda v: "是" if v else "否",   # value -> cell (export, template)
            )
        ]

    register_extra_columns("protection.Minor", left_behind_columns)

The provider is called each time a sheet is built or read (``provider(resource)``; the resource
knows the user), so a field added in the admin has its column at once, without a restart. Every
``RegistryResource`` of that model then carries the column in its empty template, reads it on
import (errors shown per cell like any other column, the value compared with the stored one so a
row counts as unchanged or updated), writes it inside the import's transaction after the records
are written (``write`` gets every new or changed pair in one call, so it can write in bulk), and
exports it (``read`` gets a chunk of records at once, so it can read in one query).

Kept apart from django-import-export's own ``Field`` declarations because those are fixed when the
Resource class is defined, and these columns change while the site runs."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.utils.encoding import force_str
from import_export.fields import Field
from import_export.widgets import Widget

PREFIX = "extra:"
# The record-number column every sheet carries (resources.RecordIdField).
RECORD_ID = "__record_id__"
_providers = {}  # model label ("protection.minor") -> [provider]


def _label(model):
    if isinstance(model, str):
        model = apps.get_model(model)
    return model._meta.concrete_model._meta.label_lower


def render_value(value):
    """A stored value as a cell that reads back as the same value."""
    import datetime

    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return "、".join(force_str(v) for v in value)
    return value


@dataclass(frozen=True)
class ExtraColumn:
    """One extra column. ``name`` is stable (the custom field's key); ``heading`` is the Chinese
    column heading users see; ``clean(cell, row)`` turns a cell into a value or raises
    ``ValueError``/``ValidationError`` with the reason; ``read(records)`` returns ``{pk: stored
    value}``; ``write(pairs)`` stores ``[(record, value)]``; ``render(value)`` is the cell."""

    name: str
    heading: Any
    clean: Callable
    read: Callable
    write: Callable
    render: Callable = render_value
    required: bool = False
    hint: str = ""
    empty_keeps: bool = False  # an empty cell keeps the stored value rather than clearing it
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def attribute(self):
        return PREFIX + self.name


class _ExtraWidget(Widget):
    def __init__(self, column):
        self.column = column
        self.hint = column.hint
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        return self.column.clean(value, row)

    def render(self, value, obj=None, **kwargs):
        return self.column.render(value)


class ExtraField(Field):
    """An extra column dressed as a django-import-export Field, so that headings, the template
    and the reading of the sheet treat it like the registry's own columns."""

    def __init__(self, column):
        self.column = column
        super().__init__(
            attribute=column.attribute,
            column_name=force_str(column.heading),
            widget=_ExtraWidget(column),
        )


def register_extra_columns(model, provider):
    """Give every sheet of ``model`` (a model class or "app_label.Model") the columns that
    ``provider(resource)`` returns. Registering the same provider twice has no effect."""
    providers = _providers.setdefault(_label(model), [])
    if provider not in providers:
        providers.append(provider)


def unregister_extra_columns(model, provider):
    providers = _providers.get(_label(model), [])
    if provider in providers:
        providers.remove(provider)


def extra_columns(model, resource):
    """The extra columns of ``model`` now, in the order of registration; a heading that a
    registry's own column already uses is left out (the built-in column wins)."""
    columns = []
    for provider in _providers.get(_label(model), ()):
        columns.extend(provider(resource) or ())
    return columns


def is_extra(attribute):
    return attribute.startswith(PREFIX)
