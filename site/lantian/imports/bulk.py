"""Rows that an import writes (the records themselves, their history entries, links to the import,
reference index rows) inserted with one multi-row ``INSERT`` per batch.

``bulk_create`` compiles every value of every row through the ORM's insert compiler: for a
10,000-row import of minors that was a second of the write, against a tenth of a second for the
database to run the statements (docs/benchmarks.md). Here each value still goes through its
field's ``pre_save`` (where the field has one: a creation time) and ``get_db_prep_save`` (so an
encrypted, JSON, date-time or UUID column is written exactly as the ORM writes it, on SQLite and
on PostgreSQL), values that need nothing (a name, a number) are passed as they are, values shared
by every row are prepared once, and a batch holds as many rows as the database accepts parameters
for."""

import datetime

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.models.constants import OnConflict

MAX_ROWS = 2000  # a batch's rows: bounded so that one statement never grows without end


def default_connection():
    """The connection itself, not ``django.db.connection``: that proxy looks the connection up in
    a context-local store on every attribute read, and a field preparing its value for the
    database reads several (a fifth of the time of writing a reference index row)."""
    return connections[DEFAULT_DB_ALIAS]


def _max_parameters(connection):
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


def _preparer(field, connection):
    """The field's ``get_db_prep_save``, skipped for a value that needs nothing (a name, a
    number, an empty foreign key): most values of an import's rows."""
    target = field.target_field if field.is_relation else field
    plain = _PLAIN_TYPES.get(type(target))
    if type(target) in (models.AutoField, models.BigAutoField):
        plain = int
    if plain is not None and type(field) not in (*_PLAIN_TYPES, models.ForeignKey):
        plain = None  # a subclass may prepare even a plain value (or None) its own way
    if type(field) is models.DateField:
        adapt = connection.ops.adapt_datefield_value

        def prepare(value):
            return adapt(value) if type(value) is datetime.date else adapt(field.to_python(value))

        return prepare

    def prepare(value):
        if plain is not None and (value is None or type(value) is plain):
            return value
        return field.get_db_prep_save(value, connection)

    return prepare


def _batches(connection, model, fields, rows, on_conflict=None, returning=None):
    """Run the INSERTs of ``rows`` (lists of database values, in the order of ``fields``);
    yields each batch's ``RETURNING`` rows when ``returning`` names a column."""
    quote = connection.ops.quote_name
    head = "{} {} ({}) VALUES ".format(
        connection.ops.insert_statement(on_conflict=on_conflict),
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
    )
    tail = connection.ops.on_conflict_suffix_sql(fields, on_conflict, None, None)
    if returning:
        tail = f"{tail} RETURNING {quote(returning)}"
    placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(1, min(MAX_ROWS, _max_parameters(connection) // len(fields)))
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            sql = head + ", ".join([placeholder] * len(batch))
            cursor.execute(f"{sql} {tail}" if tail else sql, [v for row in batch for v in row])
            if returning:
                yield cursor.fetchall()


def insert_rows(model, names, rows, common=None, ignore_conflicts=False):
    """Insert ``rows`` (tuples of values for the fields ``names``) into ``model``'s table; the
    fields in ``common`` ({name: value}) get the same value in every row, and every other
    concrete field its default. Returns the number of rows sent."""
    if not rows:
        return 0
    connection = default_connection()
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
    preparers = [_preparer(f, connection) for f in varying]
    prepared = [[p(v) for p, v in zip(preparers, row, strict=True)] + shared_values for row in rows]
    on_conflict = OnConflict.IGNORE if ignore_conflicts else None
    for _returned in _batches(
        connection, model, varying + [f for f, _v in shared], prepared, on_conflict
    ):
        pass
    return len(rows)


def _can_insert_objects(connection, model, objects):
    opts = model._meta
    return (
        connection.features.can_return_rows_from_bulk_insert
        and not opts.parents  # a child table's row needs its parent's first
        and not opts.pk.generated
        and all(obj.pk is None for obj in objects)
    )


def _value_of(field, connection, first):
    """The database value of ``field`` for a new instance, as bulk_create computes it:
    ``Field.pre_save`` only reads the attribute, and the fields that override it (a time set on
    creation, a file committed to storage) must run it. A time set on creation is taken once,
    on the ``first`` instance, for every record the one transaction writes."""
    prepare = _preparer(field, connection)
    attname = field.attname
    if type(field).pre_save is models.Field.pre_save:
        return lambda obj: prepare(getattr(obj, attname))
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        moment = field.pre_save(first, True)
        prepared = prepare(moment)

        def stamped(obj):
            setattr(obj, attname, moment)
            return prepared

        return stamped
    return lambda obj: prepare(field.pre_save(obj, True))


def _positional_constructor(model):
    """``model(*args)``; for a model whose only constructor of its own is modelcluster's, that
    constructor is skipped: it only sorts child relations out of keyword arguments, and looks
    them up among the model's fields for every instance (a fifth of building one)."""
    from modelcluster.models import ClusterableModel

    own = [c for c in model.__mro__ if "__init__" in c.__dict__]
    if own[:2] != [ClusterableModel, models.Model]:
        return model

    def construct(*args):
        obj = model.__new__(model)
        models.Model.__init__(obj, *args)
        return obj

    return construct


def new_objects(model, values_list):
    """Unsaved instances of ``model`` from {field name: value} dicts, each as ``model(**values)``
    builds it (a field's default where a dict has none, a related record given as an instance
    cached on the new one), through the positional constructor that Django uses for rows read
    from the database: half the time of keyword arguments for a model of twenty fields
    (docs/benchmarks.md). A dict the positional constructor cannot take (naming a property or a
    child relation, or a related value of the wrong kind) goes to the model's own constructor,
    which builds it or raises its own error."""
    fields = model._meta.concrete_fields
    names = {f.name for f in fields}
    construct = _positional_constructor(model)
    objects = []
    for values in values_list:
        positional = _positional(fields, values) if values.keys() <= names else None
        if positional is None:
            objects.append(model(**values))
            continue
        args, related = positional
        obj = construct(*args)
        for f, value in related:
            f.set_cached_value(obj, value)
        objects.append(obj)
    return objects


def _positional(fields, values):
    """(the constructor's arguments, [(field, related instance)]) for ``values``, or None when a
    related value is not an instance of the related model."""
    args, related = [], []
    for f in fields:
        if f.name not in values:
            args.append(f.get_default())
            continue
        value = values[f.name]
        if f.is_relation and value is not None:
            if not isinstance(value, f.related_model):
                return None
            related.append((f, value))
            value = getattr(value, f.target_field.attname)
        args.append(value)
    return args, related


def insert_objects(model, objects):
    """New, unsaved instances of ``model`` written as ``bulk_create`` writes them (each field's
    ``pre_save`` for a new record, then its database value), with their primary keys set from the
    database and their state marked saved, like ``bulk_create``. Instances that ``bulk_create``
    handles differently (a multi-table child, a primary key already set) go through it."""
    objects = list(objects)
    connection = default_connection()
    if not objects:
        return objects
    if not _can_insert_objects(connection, model, objects):
        return model._default_manager.bulk_create(objects, batch_size=1000)
    opts = model._meta
    fields = [f for f in opts.local_concrete_fields if f is not opts.pk and not f.generated]
    values = [_value_of(f, connection, objects[0]) for f in fields]
    rows = []
    for obj in objects:
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
        rows.append([value(obj) for value in values])
    keys = []
    for returned in _batches(connection, model, fields, rows, returning=opts.pk.column):
        # The rows of one statement take increasing keys in the order they are listed, but
        # RETURNING promises no order: sorted, the keys line up with the rows again.
        keys.extend(sorted(r[0] for r in returned))
    if len(keys) != len(objects):
        raise RuntimeError(f"{opts.label}: {len(objects)} rows sent, {len(keys)} keys returned")
    for obj, key in zip(objects, keys, strict=True):
        obj.pk = key
        obj._state.adding = False
        obj._state.db = connection.alias
    return objects
