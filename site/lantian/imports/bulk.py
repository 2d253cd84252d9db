"""Rows that an import writes beside the records (history entries, links to the import, reference
index rows) inserted with one multi-row ``INSERT`` per batch.

``bulk_create`` builds a model instance per row and compiles every value through the ORM: for
those rows, which no user edits and no ``save()`` derives anything for, that was most of an
import's write (docs/benchmarks.md). Here each value still goes through its field's
``get_db_prep_save`` (so a JSON, date-time or UUID column is written exactly as the ORM writes
it, on SQLite and on PostgreSQL), values shared by every row are prepared once, and a batch holds
as many rows as the database accepts parameters for."""

from django.db import connection, models
from django.db.models.constants import OnConflict

MAX_ROWS = 2000  # a batch's rows: bounded so that one statement never grows without end


def _max_parameters():
    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    if connection.vendor == "postgresql":
        return 65535
    return connection.features.max_query_params or 999


# Fields whose database value is the Python value itself when it has the plain type (not their
# subclasses: an encrypted text field prepares its value by encrypting it).
_PLAIN_TYPES = {
    models.CharField: str,
    models.TextField: str,
    models.BooleanField: bool,
    models.IntegerField: int,
    models.PositiveIntegerField: int,
    models.BigIntegerField: int,
}


def _preparer(field):
    """The field's ``get_db_prep_save``, skipped for a value that needs nothing (a name, a
    number): three of every four values of these rows, a tenth of an import's write."""
    target = field.target_field if field.is_relation else field
    plain = _PLAIN_TYPES.get(type(target))
    if type(target) in (models.AutoField, models.BigAutoField):
        plain = int

    def prepare(value):
        if plain is not None and type(value) is plain:
            return value
        return field.get_db_prep_save(value, connection)

    return prepare


def insert_rows(model, names, rows, common=None, ignore_conflicts=False):
    """Insert ``rows`` (tuples of values for the fields ``names``) into ``model``'s table; the
    fields in ``common`` ({name: value}) get the same value in every row, and every other
    concrete field its default. Returns the number of rows sent."""
    if not rows:
        return 0
    opts = model._meta
    common = dict(common or {})
    varying = [opts.get_field(name) for name in names]
    given = {f.attname for f in varying} | {opts.get_field(n).attname for n in common}
    for f in opts.concrete_fields:
        if f.primary_key or f.attname in given:
            continue
        if not f.has_default() and not f.null:
            raise ValueError(f"{opts.label}.{f.name} needs a value")
        common[f.name] = f.get_default()
    shared = [(opts.get_field(n), v) for n, v in common.items()]
    shared_values = [f.get_db_prep_save(v, connection) for f, v in shared]
    fields = varying + [f for f, _v in shared]
    quote = connection.ops.quote_name
    on_conflict = OnConflict.IGNORE if ignore_conflicts else None
    head = "{} {} ({}) VALUES ".format(
        connection.ops.insert_statement(on_conflict=on_conflict),
        quote(opts.db_table),
        ", ".join(quote(f.column) for f in fields),
    )
    tail = connection.ops.on_conflict_suffix_sql(fields, on_conflict, None, None)
    placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(1, min(MAX_ROWS, _max_parameters() // len(fields)))
    preparers = [_preparer(f) for f in varying]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            params = []
            for row in batch:
                params.extend(p(v) for p, v in zip(preparers, row, strict=True))
                params.extend(shared_values)
            sql = head + ", ".join([placeholder] * len(batch))
            cursor.execute(f"{sql} {tail}" if tail else sql, params)
    return len(rows)
