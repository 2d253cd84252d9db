"""Reading, writing, showing, filtering and searching custom-field values: the one place that
knows how each kind of field becomes a form field, a stored row and a piece of text."""

import threading
from decimal import Decimal

from django import forms
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets import AdminDateInput
from wagtail.log_actions import log

from . import records
from .models import CustomField, CustomValue, Kind

YES, NO = "1", "0"
YES_NO_CHOICES = [("", "---------"), (YES, gettext_lazy("yes")), (NO, gettext_lazy("no"))]
SEARCHABLE = [Kind.TEXT, Kind.LONG_TEXT, Kind.CHOICE, Kind.CHOICES]
CHANGED = "lowcode.values_changed"


# Field definitions: every page of a registry asks for them (its filters, columns, search, form
# and its children's forms), so all record types' definitions are read together, kept for the
# request, and kept in Django's cache (shared by the application servers) until a field is
# saved or deleted. Only committed definitions are cached: inside a transaction (an import, a
# test) a field may yet be rolled back, so a read there goes to the database. Outside a request
# (a command, a worker) nothing is kept in the process.
CACHE_KEY = "lowcode:custom-field-definitions"
CACHE_SECONDS = 3600
_request = threading.local()


def request_started(**kwargs):
    _request.fields = None
    _request.active = True


def request_finished(**kwargs):
    _request.fields = None
    _request.active = False


def forget(**kwargs):
    """A field was saved or deleted: every server reads the definitions again."""
    from django.core.cache import cache
    from django.db import transaction

    _request.fields = None
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


def _all_definitions():
    from django.core.cache import cache
    from django.db import connection

    committed = not connection.in_atomic_block
    found = cache.get(CACHE_KEY) if committed else None
    if found is None:
        fields = CustomField.objects.prefetch_related("categories").order_by(
            "place", "sort_order", "pk"
        )
        found = {}
        for field in fields:
            field.wanted_kinds()
            found.setdefault(field.record_type, []).append(field)
        if committed:
            cache.set(CACHE_KEY, found, CACHE_SECONDS)
    return found


def fields_for(key, include_archived=False):
    """The custom fields of a record type, in their form order."""
    if not key:
        return []
    if getattr(_request, "active", False):
        if getattr(_request, "fields", None) is None:
            _request.fields = _all_definitions()
        found = _request.fields.get(key, [])
    else:
        found = _all_definitions().get(key, [])
    return [f for f in found if include_archived or not f.archived]


def reference_model(kind):
    from protection.models import Township, Village

    return Township if kind == Kind.TOWNSHIP else Village


# forms
def form_field(field, current=None):
    """A Django form field for a custom field; `current` keeps a value that is no longer among
    the choices selectable, so that saving the form never drops it."""
    common = {"label": field.label, "help_text": field.help_text, "required": False}
    kind = field.kind
    if kind == Kind.TEXT:
        return forms.CharField(max_length=255, **common)
    if kind == Kind.LONG_TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
    if kind == Kind.NUMBER:
        return forms.DecimalField(max_digits=18, decimal_places=4, **common)
    if kind == Kind.DATE:
        return forms.DateField(widget=AdminDateInput, **common)
    if kind == Kind.YES_NO:
        return forms.ChoiceField(choices=YES_NO_CHOICES, **common)
    if kind in (Kind.CHOICE, Kind.CHOICES):
        options = field.choice_list()
        kept = current if isinstance(current, list) else [current] if current else []
        options += [value for value in kept if value not in options]
        pairs = [(option, option) for option in options]
        if kind == Kind.CHOICE:
            return forms.ChoiceField(choices=[("", "---------"), *pairs], **common)
        return forms.MultipleChoiceField(
            choices=pairs, widget=forms.CheckboxSelectMultiple, **common
        )
    if kind in (Kind.TOWNSHIP, Kind.VILLAGE):
        queryset = reference_model(kind).objects.all()
        return forms.ModelChoiceField(queryset=queryset, **common)
    return forms.FileField(**common)


def initial(field, value):
    """A stored value as the form field's initial value."""
    if value is not None and field.kind == Kind.YES_NO:
        return YES if value else NO
    if isinstance(value, StoredFile):
        return FileLink(value)
    return value


def from_form(field, cleaned):
    """A cleaned form value as the stored value (None: empty)."""
    if cleaned in (None, "", []) or isinstance(cleaned, FileLink):
        return None  # a file input left as it was keeps the file on record
    if field.kind == Kind.YES_NO:
        return cleaned == YES
    if field.kind in (Kind.TOWNSHIP, Kind.VILLAGE):
        return cleaned.pk
    return cleaned


def applies(field, kinds):
    """Whether a field applies to a record of these kinds (records.kinds_of: its categories,
    topics, channels, skills or kind of visit, as text): the one rule for showing a field on a
    record and requiring it."""
    wanted = field.wanted_kinds()
    if not wanted:
        return True
    return bool(wanted & {str(getattr(k, "pk", k)) for k in kinds or ()})


def applies_to_record(field, record):
    return applies(field, records.kinds_of(field.record_type, record))


class FileLink:
    """A file on record as a form's initial value: Django's file input shows it as a link to
    the permission-checked download (views/files.py) and offers to clear it."""

    def __init__(self, stored):
        self.stored = stored
        self.url = stored.url

    def __str__(self):
        return self.stored.file_name


class StoredFile(str):
    """A file value as read: its storage name (compared like the text it is), the row that
    holds it and the address that serves it to those who may see the record."""

    value_id = None

    @property
    def file_name(self):
        return self.rsplit("/", 1)[-1]

    @property
    def url(self):
        return reverse("lowcode_custom_file", args=[self.value_id])


# stored rows
def rows_for(field, value):
    """The CustomValue column values that store `value` (a list: several choices make several
    rows)."""
    if value is None or value == "" or value == []:
        return []
    column = field.column
    if field.kind == Kind.CHOICES:
        return [{"text": str(item)[:255]} for item in value]
    if field.kind == Kind.NUMBER:
        return [{"number": Decimal(value)}]
    if field.kind == Kind.TEXT or field.kind == Kind.CHOICE:
        return [{"text": str(value)[:255]}]
    return [{column: value}]


def _value(field, rows):
    if not rows:
        return None
    if field.kind == Kind.CHOICES:
        return sorted(row.text for row in rows)
    row = rows[0]
    value = getattr(row, field.column)
    if field.kind == Kind.FILE:
        if not value.name:
            return None
        stored = StoredFile(value.name)
        stored.value_id = row.pk
        return stored
    return None if value == "" else value


def read(key, object_ids, fields=None):
    """{object id: {field id: value}} for the given records, in one query."""
    fields = fields if fields is not None else fields_for(key, include_archived=True)
    by_id = {f.pk: f for f in fields}
    found = {}
    if not by_id or not object_ids:
        return {}
    rows = CustomValue.objects.filter(field_id__in=by_id, object_id__in=list(object_ids))
    grouped = {}
    for row in rows.order_by("pk"):
        grouped.setdefault((row.object_id, row.field_id), []).append(row)
    for (object_id, field_id), group in grouped.items():
        found.setdefault(object_id, {})[field_id] = _value(by_id[field_id], group)
    return found


def read_one(instance, fields=None):
    key = records.key_for(type(instance))
    if instance.pk is None:
        return {}
    return read(key, [instance.pk], fields).get(instance.pk, {})


@transaction.atomic
def write(instance, new_values, user=None, log_change=True):
    """Store {CustomField: value} for one record; a value of None removes it. Changes go to
    the record's history (Wagtail's audit log) with the field labels. Returns
    {label: {"from": text, "to": text}} of the fields that changed."""
    if not new_values:
        return {}
    old = read_one(instance, list(new_values))
    changed = {}
    for field, value in new_values.items():
        before = old.get(field.pk)
        if field.kind == Kind.FILE and value is None:
            continue  # an untouched file input keeps the file on record
        if field.kind == Kind.FILE and value is False:
            value = None
        if _same(field, before, value):
            continue
        CustomValue.objects.filter(field=field, object_id=instance.pk).delete()
        if field.kind == Kind.FILE:
            _save_file(field, instance, value, user)
        else:
            CustomValue.objects.bulk_create(
                CustomValue(field=field, object_id=instance.pk, updated_by=user, **columns)
                for columns in rows_for(field, value)
            )
        changed[field.label_zh] = {
            "from": display(field, before, plain=True),
            "to": display(field, value, plain=True),
        }
    if changed and log_change:
        log(instance, CHANGED, user=user, data={"fields": changed})
    if any(field.kind in SEARCHABLE for field in new_values if field.label_zh in changed):
        reindex(instance)
    return changed


def _save_file(field, instance, upload, user):
    if upload is None:
        return
    value = CustomValue(field=field, object_id=instance.pk, updated_by=user)
    value.file.save(upload.name, upload, save=False)
    value.save()


def _same(field, before, after):
    if field.kind == Kind.CHOICES:
        return sorted(before or []) == sorted(after or [])
    if field.kind == Kind.NUMBER and before is not None and after is not None:
        return Decimal(before) == Decimal(after)
    if field.kind == Kind.FILE:
        return after is not None and not hasattr(after, "read") and before == after
    return before == after


# display
def display(field, value, plain=False, names=None):
    """A value as staff read it: 是/否, a township's name, a date in the local format."""
    if value is None or value == [] or value == "":
        return "" if plain else "-"
    if field.kind == Kind.YES_NO:
        return _("yes") if value else _("no")
    if field.kind == Kind.CHOICES:
        return "、".join(value)
    if field.kind == Kind.DATE:
        return formats.date_format(value, "Y-m-d")
    if field.kind == Kind.NUMBER:
        return f"{Decimal(value).normalize():f}"
    if field.kind in (Kind.TOWNSHIP, Kind.VILLAGE):
        if names is not None and value in names:
            return names[value]
        obj = reference_model(field.kind).objects.filter(pk=value).first()
        return str(obj) if obj else str(value)
    if field.kind == Kind.FILE:
        name = str(value).rsplit("/", 1)[-1]
        if not plain and isinstance(value, StoredFile):
            return format_html('<a href="{}">{}</a>', value.url, name)
        return name
    return str(value)


def reference_names(fields, values_by_record):
    """{id: name} of the townships and villages the values point to, in two queries."""
    from protection.models import Township, Village

    wanted = {Kind.TOWNSHIP: set(), Kind.VILLAGE: set()}
    by_id = {f.pk: f for f in fields}
    for values in values_by_record.values():
        for field_id, value in values.items():
            field = by_id.get(field_id)
            if field is not None and field.kind in wanted and value is not None:
                wanted[field.kind].add(value)
    names = {}
    for kind, model in ((Kind.TOWNSHIP, Township), (Kind.VILLAGE, Village)):
        if wanted[kind]:
            names[kind] = dict(model.objects.filter(pk__in=wanted[kind]).values_list("pk", "name"))
    return names


# listings
def matching_ids(field, value):
    """Ids of the records whose `field` matches a filter value: a subquery on the value index."""
    rows = CustomValue.objects.filter(field=field)
    if field.kind == Kind.YES_NO:
        rows = rows.filter(flag=(value == YES))
    elif field.kind in (Kind.CHOICE, Kind.CHOICES):
        rows = rows.filter(text=value)
    elif field.kind in (Kind.TOWNSHIP, Kind.VILLAGE):
        rows = rows.filter(ref=getattr(value, "pk", value))
    elif field.kind == Kind.NUMBER:
        rows = rows.filter(number=value)
    elif field.kind == Kind.DATE:
        start, stop = value.start, value.stop
        if start:
            rows = rows.filter(date__gte=start)
        if stop:
            rows = rows.filter(date__lte=stop)
    else:
        rows = rows.filter(Q(text__icontains=value) | Q(long_text__icontains=value))
    return rows.values("object_id")


def search_q(key, query):
    """Records of this type whose text values contain the search words."""
    rows = CustomValue.objects.filter(field__record_type=key, field__kind__in=SEARCHABLE).filter(
        Q(text__icontains=query) | Q(long_text__icontains=query)
    )
    return Q(pk__in=rows.values("object_id"))


def search_text(key, object_ids):
    """{object id: the record's text, long-text and choice values joined} in one query: what
    Wagtail's search index holds for a record's custom fields (search.py)."""
    rows = CustomValue.objects.filter(
        field__record_type=key, field__kind__in=SEARCHABLE, object_id__in=list(object_ids)
    ).order_by("field__sort_order", "field_id", "pk")
    found = {}
    for object_id, text, long_text in rows.values_list("object_id", "text", "long_text"):
        found.setdefault(object_id, []).extend(part for part in (text, long_text) if part)
    return {object_id: " ".join(parts) for object_id, parts in found.items()}


# revisions
REVISION_KEY = "lowcode_custom_values"


def revision_values(instance):
    """The record's custom values as a revision keeps them: {field id (text): the value as
    staff read it}, so that compare shows what was on record then, whatever the field's kind
    or choices became since."""
    key = records.key_for(type(instance))
    fields = fields_for(key, include_archived=True)
    current = read_one(instance, fields)
    return {
        str(field.pk): display(field, current[field.pk], plain=True)
        for field in fields
        if field.pk in current
    }


class RevisionValue:
    """A custom field dressed as the model field Wagtail's comparisons expect: a label and a
    value read from each compared object (CustomCompareMixin gives it its revision's values)."""

    def __init__(self, field):
        self.field = field
        self.verbose_name = field.label
        self.name = field.form_name

    def value_from_object(self, obj):
        held = getattr(obj, "lowcode_revision_values", None)
        if held is None:
            held = revision_values(obj)
        return held.get(str(self.field.pk), "")


def comparisons(fields):
    """Wagtail comparison classes for these custom fields, for the compare view."""
    import functools

    from wagtail.admin.compare import TextFieldComparison

    return [functools.partial(TextFieldComparison, RevisionValue(field)) for field in fields]


# Wagtail's search index (signals.index_custom_text)
SEARCH_ATTRIBUTE = "lowcode_custom_text"


def custom_text(record):
    """The record's custom text for the search index. An import primes it for all its records
    in one query (prime_search_text) before lantian.imports.indexing indexes them in bulk."""
    cached = record.__dict__.get("_lowcode_custom_text")
    if cached is None:
        key = records.key_for(type(record))
        cached = search_text(key, [record.pk]).get(record.pk, "") if record.pk else ""
    return cached


def prime_search_text(key, recs):
    texts = search_text(key, [r.pk for r in recs])
    for record in recs:
        record._lowcode_custom_text = texts.get(record.pk, "")


def reindex(instance):
    """After a form or a rule changed a record's text values: the record's entry in Wagtail's
    search index again, through the imports' bulk indexing (a save indexed it before its
    custom values were written)."""
    from wagtail.search import index

    from lantian.imports import indexing

    model = type(instance)
    if not issubclass(model, index.Indexed):
        return
    instance.__dict__.pop("_lowcode_custom_text", None)
    indexing.update_search_index(model, [instance])
