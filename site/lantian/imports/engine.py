"""Checking and writing an import: every row validated first (the dry run that the preview shows),
then, once the user confirms, everything written in one transaction or nothing at all.

New records go in with one multi-row INSERT a batch (``bulk.insert_objects``), changed ones
through ``bulk_update``, and the search index is updated in bulk at the end, because a snippet's
``save()`` enqueues two index tasks per row (STACK-NOTES: 37 of 47 s of a 2,000-row import).
One history entry per record still says which import made or changed it."""

from dataclasses import dataclass, field

from django.core import validators
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import bulk
from .columns import RECORD_ID, is_extra
from .parsing import show_nul
from .reading import read_sheet

NEW, UPDATED, UNCHANGED, INVALID = "new", "updated", "unchanged", "invalid"
OWN, EXTRA = "own", "extra"  # where a column's value goes (besides the record number)
PROGRESS_EVERY = 500


@dataclass
class Row:
    number: int  # the row number the user sees in Excel
    cells: list
    status: str = NEW
    values: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)  # values of extra columns (columns.py)
    record_id: object = None  # the record number an export wrote, if the row has one
    existing: object = None
    changed: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (heading, value, reason)
    duplicates: list = field(default_factory=list)


@dataclass
class Plan:
    rows: list
    headings: list
    file_errors: list = field(default_factory=list)
    unknown_headings: list = field(default_factory=list)
    required: set = field(default_factory=set)  # attributes a new record cannot do without
    keys: list = field(default_factory=list)  # the distinct keys of the file's rows

    def counts(self):
        counts = {NEW: 0, UPDATED: 0, UNCHANGED: 0, INVALID: 0, "duplicates": 0}
        for row in self.rows:
            counts[row.status] += 1
            counts["duplicates"] += bool(row.duplicates)
        counts["total"] = len(self.rows)
        return counts

    @property
    def is_valid(self):
        return not self.file_errors and not any(r.status == INVALID for r in self.rows)

    def error_list(self):
        """Every problem as {row, column, value, reason}, in the order of the sheet."""
        items = [{"row": None, "column": "", "value": "", "reason": e} for e in self.file_errors]
        for row in self.rows:
            for heading, value, reason in row.errors:
                items.append(
                    {"row": row.number, "column": heading, "value": value, "reason": reason}
                )
        return items


def _display(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return show_nul(force_str(value)[:200])


def _reason(error):
    if isinstance(error, ValidationError):
        return "；".join(force_str(m) for m in error.messages)
    return force_str(error)


def _comparable(value):
    return value.pk if isinstance(value, models.Model) else value


def plan_import(resource, content, filename, progress=None, compare=True, complete=True):
    """Read and check every row; nothing is written. ``compare=False`` skips the search for
    possible duplicates (the write step repeats the check, not the comparison);
    ``complete=False`` reads a sheet that need not have every required column (a department's
    list compared with the registry, never written)."""
    plan = check_cells(resource, content, filename, progress=progress, complete=complete)
    return settle(resource, plan, compare=compare)


def check_cells(resource, content, filename, progress=None, complete=True):
    """The part of the check that depends on the file and the columns alone: every cell read
    and validated, the rules across columns, the same key twice in the file. What the registry
    decides (which record a row updates, what changes, the user's jurisdiction) is ``settle``'s,
    so that rows checked here can be kept until the confirmation and settled again then
    (``checked.py``)."""
    from .reading import SheetError

    try:
        sheet = read_sheet(content, filename, resource.headings())
    except SheetError as error:
        return Plan(rows=[], headings=[], file_errors=[force_str(error)])
    plan = Plan(rows=[], headings=sheet.headings, unknown_headings=sheet.unknown)
    fields_by_heading = {force_str(f.column_name): f for f in resource.column_fields()}
    fields = [fields_by_heading[h] for h in sheet.headings]
    # Where each column's value goes: the record number, an extra column, or the record.
    columns = [
        (
            f.attribute,
            RECORD_ID if f.attribute == RECORD_ID else EXTRA if is_extra(f.attribute) else OWN,
            force_str(f.column_name),
            f.widget.clean,
            _converter(resource.model_field(f.attribute)),
        )
        for f in fields
    ]
    required = set(resource.required_attributes()) if complete else set()
    plan.required = required
    keys = resource.key_attributes()
    # Without the key column every row would be new: refused where the key is required (a
    # township's name); where it is optional (a minor's ID number) rows are new and compared.
    missing_keys = [
        resource.heading_for(k)
        for k in keys
        if k in required and resource.heading_for(k) in sheet.missing
    ]
    if missing_keys:
        plan.file_errors.append(
            _("The sheet has no column %s, which says which record each row is.")
            % "、".join(missing_keys)
        )
        return plan
    present = {f.attribute for f in fields}
    missing_required = [resource.heading_for(a) for a in required if a not in present]
    if missing_required:
        plan.file_errors.append(
            _("The sheet lacks the required columns: %s") % "、".join(missing_required)
        )
        return plan

    seen_keys = {}
    total = len(sheet.rows)
    for index, (number, cells) in enumerate(sheet.rows):
        row = Row(number=number, cells=cells)
        row_dict = dict(zip(sheet.headings, cells, strict=True))
        for (attribute, kind, heading, clean, convert), cell in zip(columns, cells, strict=True):
            try:
                value = convert(clean(cell, row=row_dict))
            except (ValueError, ValidationError) as error:
                row.errors.append((heading, _display(cell), _reason(error)))
                continue
            if kind is OWN:
                row.values[attribute] = value
            elif kind is EXTRA:
                row.extra[attribute] = value
            else:
                row.record_id = value
        for attribute, reason in resource.validate_row(row.values | row.extra).items():
            row.errors.append(
                (
                    resource.heading_for(attribute),
                    _display(row.values.get(attribute, row.extra.get(attribute))),
                    force_str(reason),
                )
            )
        key = tuple(_comparable(row.values.get(k)) for k in keys)
        masked_key = any(isinstance(part, str) and "*" in part for part in key)
        if all(part not in (None, "") for part in key) and not masked_key:
            if key in seen_keys:
                row.errors.append(
                    (
                        resource.heading_for(keys[0]),
                        _display(key[0]),
                        _("the same as row %(row)s of this file") % {"row": seen_keys[key]},
                    )
                )
            else:
                seen_keys[key] = number
        plan.rows.append(row)
        if progress and index % PROGRESS_EVERY == 0:
            progress(index, total)
    plan.keys = list(seen_keys)
    return plan


def settle(resource, plan, compare=True):
    """What the registry says of checked rows, as it is now: the record each row updates, what
    changes, the user's jurisdiction, and (``compare``) possible duplicates of new rows."""
    if plan.file_errors:
        return plan
    model = resource._meta.model
    masked = set(resource.masked_fields)
    fields_by_heading = {force_str(f.column_name): f for f in resource.column_fields()}
    fields = [fields_by_heading[h] for h in plan.headings]
    _find_existing(resource, plan.rows, resource.key_attributes(), plan.keys)
    stored_extra = _stored_extra(resource, fields, [r.existing for r in plan.rows if r.existing])
    new_rows = []
    for row in plan.rows:
        _classify(resource, model, row, plan.required, masked, stored_extra)
        if row.status == NEW:
            new_rows.append(row)
    duplicates = resource.possible_duplicates(new_rows) if compare else {}
    if duplicates:
        for row in plan.rows:
            if row.number in duplicates:
                row.duplicates = duplicates[row.number]
    return plan


def _converter(model_field):
    """The cell's value as the model field holds it, checked by the field's choices and
    validators: an empty cell means the field's default for a field that has one, '' for text.
    Built once per column; a text within its length needs no validator of its own, and no
    cell's text may hold a NUL character."""
    if model_field is None or model_field.is_relation:
        return _same
    text = isinstance(model_field, models.CharField | models.TextField)
    empty_text = text and not model_field.null and not model_field.has_default()
    has_default = model_field.has_default()
    length_only = text and {type(v) for v in model_field.validators} <= {
        validators.MaxLengthValidator
    }
    limit = model_field.max_length

    def convert(value):
        if value is None or value == "":
            if has_default:
                return model_field.get_default()
            return "" if empty_text else None
        if model_field.choices:
            model_field.validate(value, None)
        if type(value) is str:
            _no_nul(value)  # PostgreSQL would refuse the whole import over one
            if length_only and (limit is None or len(value) <= limit):
                return value
        model_field.run_validators(value)
        return value

    return convert


_no_nul = validators.ProhibitNullCharactersValidator(
    message=gettext_lazy(
        "The cell holds an invisible NUL character, which cannot be stored: retype the value."
    )
)


def _same(value):
    """A related record or an extra column's value, as its widget read it (text without NUL)."""
    if type(value) is str:
        _no_nul(value)
    return value


def _find_existing(resource, rows, keys, seen_keys):
    """The record each row updates: the one its record number names (an exported sheet, even
    with masked identifiers), else the one its key names. Two rows may not update one record."""
    by_key = resource.existing_by_key(seen_keys)
    by_id = resource.records_by_id({row.record_id for row in rows if row.record_id})
    claimed = {}
    id_heading = resource.heading_for(RECORD_ID)
    for row in rows:
        key = tuple(_comparable(row.values.get(k)) for k in keys)
        keyed = by_key.get(key)
        if row.record_id:
            row.existing = by_id.get(row.record_id)
            if row.existing is None:
                row.errors.append(
                    (
                        id_heading,
                        _display(row.record_id),
                        _("no such record among those you may see"),
                    )
                )
                continue
            if keyed is not None and keyed.pk != row.existing.pk:
                row.errors.append(
                    (
                        resource.heading_for(keys[0]),
                        _display(key[0]),
                        _("already on record for another %s") % resource.record_label(),
                    )
                )
                continue
        else:
            row.existing = keyed
        if row.existing is not None:
            if row.existing.pk in claimed:
                row.errors.append(
                    (
                        id_heading if row.record_id else resource.heading_for(keys[0]),
                        _display(row.record_id or key[0]),
                        _("the same as row %(row)s of this file")
                        % {"row": claimed[row.existing.pk]},
                    )
                )
            else:
                claimed[row.existing.pk] = row.number


def _stored_extra(resource, fields, records):
    """{attribute: {pk: stored value}} of the extra columns in the sheet, read in bulk."""
    records = list({r.pk: r for r in records}.values())
    stored = {}
    for f in resource.extra_fields():
        if f in fields:
            stored[f.attribute] = f.column.read(records) if records else {}
    return stored


def _classify(resource, model, row, required, masked, stored_extra=None):
    for attribute in masked:
        value = row.values.get(attribute)
        if row.record_id and row.existing is None:
            break  # the unknown record number is the error to correct
        if isinstance(value, str) and "*" in value:
            # A masked cell from our own export: it keeps the stored value when it masks it.
            stored = getattr(row.existing, attribute, None) if row.existing else None
            if stored and resource.mask_value(stored) == value:
                row.values[attribute] = getattr(row.existing, attribute)
            else:
                row.errors.append(
                    (resource.heading_for(attribute), value, _("enter the full number"))
                )
    for attribute in required:
        value = row.extra.get(attribute) if is_extra(attribute) else row.values.get(attribute)
        if value in (None, "", [], ()) and not any(
            e[0] == resource.heading_for(attribute) for e in row.errors
        ):
            row.errors.append((resource.heading_for(attribute), "", _("required")))
    scope_error = resource.check_scope(row.values, row.existing)
    if scope_error:
        row.errors.append(("", "", force_str(scope_error)))
    if row.errors:
        row.status = INVALID
        return
    if row.existing is None:
        row.status = NEW
        return
    row.changed = [
        attribute
        for attribute, value in row.values.items()
        if _comparable(getattr(row.existing, attribute)) != _comparable(value)
    ]
    keeps = {f.attribute for f in resource.extra_fields() if f.column.empty_keeps}
    for attribute, value in row.extra.items():
        if attribute in keeps and _blank(value) is None:
            continue
        stored = (stored_extra or {}).get(attribute, {}).get(row.existing.pk)
        if _blank(stored) != _blank(value):
            row.changed.append(attribute)
    row.status = UPDATED if row.changed else UNCHANGED


def _blank(value):
    """An empty cell and a value never stored are the same thing."""
    return None if value in (None, "", [], ()) else value


def apply_plan(resource, plan, on_written=None):
    """Write a valid plan in one transaction; returns (created, updated) instances."""
    if not plan.is_valid:
        raise ValueError("an import with invalid rows cannot be applied")
    model = resource._meta.model
    new_rows = [row for row in plan.rows if row.status == NEW]
    to_create = bulk.new_objects(model, [row.values for row in new_rows])
    to_update = []
    changed_fields = set()
    for row in plan.rows:
        if row.status == UPDATED:
            own = [a for a in row.changed if not is_extra(a)]
            for attribute in own:
                setattr(row.existing, attribute, row.values[attribute])
            changed_fields.update(own)
            to_update.append(row.existing)
    # What a model's save() would derive (a keyed hash beside an encrypted number): bulk writes
    # skip save(), so the resource derives it here.
    for instance in (*to_create, *to_update):
        resource.prepare_instance(instance)
    if to_update:
        changed_fields.update(resource.derived_fields)
    with transaction.atomic():
        created = bulk.insert_objects(model, to_create)
        if to_update and changed_fields:
            model.objects.bulk_update(to_update, sorted(changed_fields), batch_size=1000)
        _write_extra(resource, plan, new_rows, created)
        resource.write_related(
            [*zip(new_rows, created, strict=True)]
            + [(row, row.existing) for row in plan.rows if row.status == UPDATED]
        )
        resource.after_bulk_write(created, to_update)
        if on_written:
            on_written(created, to_update)
    return created, to_update


def _write_extra(resource, plan, new_rows, created):
    """Each extra column's new and changed values, in one call per column, after the records
    exist (a new record needs its primary key first)."""
    for f in resource.extra_fields():
        pairs = [
            (instance, row.extra[f.attribute])
            for row, instance in zip(new_rows, created, strict=True)
            if f.attribute in row.extra
        ]
        pairs += [
            (row.existing, row.extra[f.attribute])
            for row in plan.rows
            if row.status == UPDATED and f.attribute in row.changed
        ]
        if pairs:
            f.column.write(pairs)
