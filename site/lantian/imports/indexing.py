"""Wagtail's search index and reference index brought up to date after an import, in bulk.

A snippet's ``save()`` enqueues both index updates for every record (STACK-NOTES: 37 of 47 s of
a 2,000-row import); the import writes with ``bulk_create``/``bulk_update``, which skip them, so
the import updates both here in one pass: the search backend's ``add_bulk`` in chunks, and the
reference index (which record refers to which village, township, family …, shown on each
record's usage page and consulted before a delete) with one delete and one insert per chunk.
Child records (a minor's guardians and photos) are read with one query per relation for the
whole chunk, not one per record."""

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import prefetch_related_objects

CHUNK = 1000


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


def update_reference_index(model, objects):
    """The same rows ``ReferenceIndex.create_or_update_for_object`` would write for each record,
    written for all of them at once."""
    from modelcluster.models import ClusterableModel, get_all_child_relations
    from wagtail.models import ReferenceIndex

    if not objects:
        return
    _admin_registered()
    if not ReferenceIndex.is_indexed(model):
        return
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    base = ReferenceIndex._get_base_content_type(model)
    children = []
    if issubclass(model, ClusterableModel):
        children = [r.get_accessor_name() for r in get_all_child_relations(model)]
    options = {"ignore_conflicts": True} if connection.features.supports_ignore_conflicts else {}
    for start in range(0, len(objects), CHUNK):
        chunk = objects[start : start + CHUNK]
        if children:
            prefetch_related_objects(chunk, *children)
        rows = [
            ReferenceIndex(
                content_type=content_type,
                base_content_type=base,
                object_id=str(obj.pk),
                to_content_type_id=to_type,
                to_object_id=to_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for obj in chunk
            for to_type, to_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(obj)
            )
        ]
        ReferenceIndex.objects.filter(
            base_content_type=base, object_id__in=[str(obj.pk) for obj in chunk]
        ).delete()
        ReferenceIndex.objects.bulk_create(rows, batch_size=CHUNK, **options)
