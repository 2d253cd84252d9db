"""Wagtail's search index and reference index brought up to date after an import, in bulk.

A snippet's ``save()`` enqueues both index updates for every record (STACK-NOTES: 37 of 47 s of
a 2,000-row import); the import writes with ``bulk_create``/``bulk_update``, which skip them, so
the import updates both here in one pass: the search backend's ``add_bulk`` in chunks, and the
reference index (which record refers to which village, township, family …, shown on each
record's usage page and consulted before a delete) with one delete and one insert per chunk.
Child records (a minor's guardians and photos) are read with one query per relation for the
whole chunk, not one per record."""

from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.constants import OnConflict

from .bulk import default_connection, insert_rows

CHUNK = 1000
# A reference row's own columns (besides the record's content types, the same in every row).
ROW_COLUMNS = (
    "object_id",
    "to_content_type",
    "to_object_id",
    "model_path",
    "content_path",
    "content_path_hash",
)


def update_search_index(model, objects):
    from wagtail.search import index
    from wagtail.search.backends import get_search_backends

    if not objects or not issubclass(model, index.Indexed):
        return
    for backend in get_search_backends(with_auto_update=True):
        for start in range(0, len(objects), CHUNK):
            backend.add_bulk(model, objects[start : start + CHUNK])


def _admin_registered():
    """Viewsets register their models with the reference index when the admin's URLs load; a
    background worker may not have loaded them yet."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - loading them is the point


def _plain_references(model):
    """[(attname, field name, target content type id)] of the model's foreign keys that the
    reference index records, or None when the model has fields whose references only Wagtail's
    own extraction finds (StreamFields, generic keys)."""
    from django.contrib.contenttypes.fields import GenericForeignKey, GenericRel
    from modelcluster.fields import ParentalKey
    from wagtail.models import ReferenceIndex

    found = []
    for field in model._meta.get_fields():
        if hasattr(field, "extract_references") or isinstance(field, GenericForeignKey):
            return None
        if not (field.is_relation and field.many_to_one) or isinstance(
            field, ParentalKey | GenericRel
        ):
            continue
        if getattr(field, "wagtail_reference_index_ignore", False) or getattr(
            field.related_model, "wagtail_reference_index_ignore", False
        ):
            continue
        target = ReferenceIndex._get_base_content_type(field.related_model).id
        found.append((field.attname, field.name, target))
    return found


def _references(obj, plain):
    for attname, name, target in plain:
        value = getattr(obj, attname)
        if value is not None:
            yield target, str(value), name, name


def update_reference_index(model, objects, created=False):
    """The rows ``ReferenceIndex.create_or_update_for_object`` would write for each record (its
    foreign keys, and those of its child records such as guardians), written for all records at
    once; the rows of records the import changed are replaced (records it ``created`` have none).
    Foreign keys are read from the records' columns; children with one query per relation for
    the chunk. A model with StreamFields goes through Wagtail's own extraction per record."""
    from modelcluster.models import ClusterableModel, get_all_child_relations
    from wagtail.models import ReferenceIndex

    if not objects:
        return
    _admin_registered()
    if not ReferenceIndex.is_indexed(model):
        return
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    base = ReferenceIndex._get_base_content_type(model)
    plain = _plain_references(model)
    relations = []
    if issubclass(model, ClusterableModel):
        for relation in get_all_child_relations(model):
            child_plain = _plain_references(relation.related_model)
            if child_plain is None:
                plain = None
                break
            relations.append((relation, child_plain))
    # A new record's own foreign keys are copied by the database from the rows just written
    # (building those rows in Python was a third of the reference index's time).
    by_select = _select_copyable(model, plain) if created else []
    in_python = [p for p in plain or () if p not in by_select]
    for start in range(0, len(objects), CHUNK):
        chunk = objects[start : start + CHUNK]
        found = {obj.pk: set() for obj in chunk}
        if plain is None:
            for obj in chunk:
                found[obj.pk] = set(ReferenceIndex._extract_references_from_object(obj))
        else:
            for obj in chunk:
                found[obj.pk].update(_references(obj, in_python))
            for relation, child_plain in relations:
                name = relation.get_accessor_name()
                parent = relation.field.attname
                children = relation.related_model._default_manager.filter(
                    **{f"{parent}__in": list(found)}
                )
                for child in children:
                    found[getattr(child, parent)].update(
                        (target, to_id, f"{name}.item.{path}", f"{name}.{child.pk}.{content}")
                        for target, to_id, path, content in _references(child, child_plain)
                    )
        rows = [
            (str(pk), to_type, to_id, model_path, content_path, _path_hash(content_path))
            for pk, references in found.items()
            for to_type, to_id, model_path, content_path in references
        ]
        if not created:
            ReferenceIndex.objects.filter(
                base_content_type=base, object_id__in=[str(pk) for pk in found]
            ).delete()
        insert_rows(
            ReferenceIndex,
            ROW_COLUMNS,
            rows,
            common={"content_type": content_type.pk, "base_content_type": base.pk},
            ignore_conflicts=True,
        )
        for reference in by_select:
            _copy_references(model, content_type, base, reference, list(found))


def _select_copyable(model, plain):
    """The foreign keys whose reference rows the database can copy itself: integer keys to
    integer keys, whose text the database writes as Python does (a UUID's would differ)."""
    if plain is None or not isinstance(model._meta.pk, models.IntegerField):
        return []
    return [
        reference
        for reference in plain
        if isinstance(model._meta.get_field(reference[1]).target_field, models.IntegerField)
    ]


def _copy_references(model, content_type, base, reference, pks):
    """INSERT … SELECT of one foreign key's reference rows for the records ``pks``."""
    from wagtail.models import ReferenceIndex

    _attname, name, target = reference
    connection = default_connection()
    quote = connection.ops.quote_name
    index = ReferenceIndex._meta
    fields = [index.get_field(c) for c in ("content_type", "base_content_type", *ROW_COLUMNS)]
    path_hash = index.get_field("content_path_hash").get_db_prep_save(_path_hash(name), connection)
    key, column = model._meta.pk.column, model._meta.get_field(name).column
    # Table and column names come from the models, quoted; every value is a parameter.
    ignore = OnConflict.IGNORE
    sql = (
        f"{connection.ops.insert_statement(on_conflict=ignore)} "  # noqa: S608
        f"{quote(index.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"SELECT %s, %s, CAST({quote(key)} AS VARCHAR(255)), %s, "
        f"CAST({quote(column)} AS VARCHAR(255)), %s, %s, %s "
        f"FROM {quote(model._meta.db_table)} WHERE {quote(column)} IS NOT NULL "
        f"AND {quote(key)} IN ({', '.join(['%s'] * len(pks))}) "
        f"{connection.ops.on_conflict_suffix_sql(fields, ignore, None, None)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [content_type.pk, base.pk, target, name, name, path_hash, *pks])


@lru_cache(maxsize=256)
def _path_hash(content_path):
    """Wagtail's hash of a content path; a foreign key's path ("village") repeats on every row."""
    from wagtail.models import ReferenceIndex

    return ReferenceIndex._get_content_path_hash(content_path)
