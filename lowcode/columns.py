"""Custom fields as spreadsheet columns (lantian.imports.columns): every registry sheet of a
record type carries a column for each of its fields, in the empty template, checked on import
with the reason in Chinese, written in bulk after the records, and exported.

A guardian has no sheet of its own: a guardian's fields are columns of the minor's sheet and
belong to the minor's first guardian (监护人·务工地点). A value for a minor without a guardian
on record is refused with the reason, never dropped."""

from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from lantian.imports.columns import ExtraColumn, register_extra_columns
from lantian.imports.parsing import clean_text, parse_bool, parse_date, place_key

from . import records, values
from .models import CustomValue, Kind

GUARDIAN_PREFIX = "监护人·"


def _empty(cell):
    return cell is None or clean_text(cell) == ""


def cleaner(field):
    """cell -> stored value (None for an empty cell), or ValueError with the reason."""
    names = {}
    if field.kind in (Kind.TOWNSHIP, Kind.VILLAGE):
        model = values.reference_model(field.kind)
        for pk, name in model.objects.values_list("pk", "name"):
            names.setdefault(place_key(name), pk)
            names.setdefault(clean_text(name), pk)

    def clean(cell, row=None):
        if _empty(cell):
            return None  # a required column is checked by the import itself (required=)
        if field.kind == Kind.YES_NO:
            return parse_bool(cell)
        if field.kind == Kind.NUMBER:
            try:
                return Decimal(clean_text(cell).replace(",", ""))
            except InvalidOperation:
                raise ValueError(_("not a number")) from None
        if field.kind == Kind.DATE:
            return parse_date(cell)
        if field.kind == Kind.CHOICE:
            text = clean_text(cell)
            if text not in field.choice_list():
                raise ValueError(_("choose one of: %s") % "、".join(field.choice_list()))
            return text
        if field.kind == Kind.CHOICES:
            chosen = [
                p.strip()
                for p in clean_text(cell).replace("，", "、").replace(",", "、").split("、")
            ]
            chosen = sorted({c for c in chosen if c})
            wrong = [c for c in chosen if c not in field.choice_list()]
            if wrong:
                raise ValueError(_("choose from: %s") % "、".join(field.choice_list()))
            return chosen
        if field.kind in (Kind.TOWNSHIP, Kind.VILLAGE):
            text = clean_text(cell)
            found = names.get(text) or names.get(place_key(text))
            if found is None:
                raise ValueError(_("no such place on record"))
            return found
        text = clean_text(cell)
        return text[:255] if field.kind == Kind.TEXT else text

    return clean


def renderer(field):
    names = {}
    if field.kind in (Kind.TOWNSHIP, Kind.VILLAGE):
        names = dict(values.reference_model(field.kind).objects.values_list("pk", "name"))

    def render(value):
        if value is None or value == []:
            return ""
        if field.kind == Kind.YES_NO:
            return "是" if value else "否"
        return values.display(field, value, plain=True, names=names)

    return render


def write_many(field, pairs, user=None):
    """Store [(record, value)] for one field in a few queries (an import's bulk path)."""
    pairs = [(record, value) for record, value in pairs if record.pk is not None]
    if not pairs:
        return
    with transaction.atomic():
        CustomValue.objects.filter(field=field, object_id__in=[r.pk for r, _v in pairs]).delete()
        rows = []
        for record, value in pairs:
            for columns in values.rows_for(field, value):
                rows.append(
                    CustomValue(field=field, object_id=record.pk, updated_by=user, **columns)
                )
        CustomValue.objects.bulk_create(rows, batch_size=1000)
    if field.kind in values.SEARCHABLE:
        # The import indexes these very records next, in bulk: their custom text is ready.
        values.prime_search_text(field.record_type, [record for record, _v in pairs])


def own_columns(field, user):
    return ExtraColumn(
        name=field.form_name,
        heading=field.label_zh,
        clean=cleaner(field),
        read=lambda objs: {
            pk: found.get(field.pk)
            for pk, found in values.read(field.record_type, [o.pk for o in objs], [field]).items()
        },
        write=lambda pairs: write_many(field, pairs, user),
        render=renderer(field),
        required=field.required and not field.wanted_kinds(),
        hint=field.help_text or "、".join(field.choice_list()),
    )


def file_column(field, key):
    """A file field's column: its export shows the file's name; a sheet cannot carry a file, so
    the template says the column is not imported and an import passes over it (an empty cell
    or a name alike) and keeps the file on record."""

    def read(objs):
        stored = values.read(key, [o.pk for o in objs], [field])
        return {pk: found.get(field.pk) for pk, found in stored.items()}

    return ExtraColumn(
        name=field.form_name,
        heading=field.label_zh,
        clean=lambda cell, row=None: None,
        read=read,
        write=lambda pairs: None,
        render=lambda value: value.file_name if value else "",
        empty_keeps=True,
        hint=_("a file: not imported; attach it on the record's form"),
    )


def first_guardians(minors):
    """{minor pk: its first guardian} in one query."""
    from protection.models import Guardian

    found = {}
    for guardian in Guardian.objects.filter(minor__in=[m.pk for m in minors]).order_by(
        "minor_id", "sort_order", "pk"
    ):
        found.setdefault(guardian.minor_id, guardian)
    return found


def guardian_column(field, resource):
    clean_value = cleaner(field)
    record_heading = None

    def clean(cell, row=None):
        value = clean_value(cell, row)
        if value is None:
            return None
        nonlocal record_heading
        if record_heading is None:
            from lantian.imports.columns import RECORD_ID

            record_heading = resource.heading_for(RECORD_ID)
        record_id = (row or {}).get(record_heading)
        minor = None
        if record_id not in (None, ""):
            try:
                minor = resource.records_by_id({int(float(record_id))}).get(int(float(record_id)))
            except (TypeError, ValueError):
                minor = None
        if minor is None or not minor.guardians.exists():
            raise ValueError(_("the minor has no guardian on record yet: add the guardian first"))
        return value

    def read(minors):
        guardians = first_guardians(minors)
        stored = values.read("guardian", [g.pk for g in guardians.values()], [field])
        return {
            minor_pk: stored.get(guardian.pk, {}).get(field.pk)
            for minor_pk, guardian in guardians.items()
        }

    def write(pairs):
        guardians = first_guardians([minor for minor, _value in pairs])
        write_many(
            field,
            [(guardians[m.pk], v) for m, v in pairs if m.pk in guardians],
            getattr(resource, "user", None),
        )

    return ExtraColumn(
        name=f"guardian_{field.form_name}",
        heading=GUARDIAN_PREFIX + field.label_zh,
        clean=clean,
        read=read,
        write=write,
        render=renderer(field),
        hint=_("of the first guardian"),
    )


def provider_for(key):
    def provider(resource):
        user = getattr(resource, "user", None)
        columns = [
            file_column(field, key) if field.kind == Kind.FILE else own_columns(field, user)
            for field in values.fields_for(key)
        ]
        if key == "minor":
            columns += [
                guardian_column(field, resource)
                for field in values.fields_for("guardian")
                if field.kind != Kind.FILE
            ]
        return columns

    provider.__name__ = f"custom_field_columns_{key}"
    return provider


_PROVIDERS = {}


def connect():
    """Register one provider per record type (once, at start-up)."""
    for key in records.RECORD_TYPES:
        model = records.model_for(key)
        if model is not None:
            provider = _PROVIDERS.setdefault(key, provider_for(key))
            register_extra_columns(model, provider)
