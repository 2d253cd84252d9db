"""The two steps of an import, run in the request for small files and as django-tasks background
tasks for large ones (``tasks.py``), writing their progress and results to the ``ImportRecord``."""

import logging

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from lantian.models import ImportedObject, ImportRecord

from . import engine, indexing
from .signals import rows_imported

logger = logging.getLogger(__name__)
PREVIEW_ROWS = 100
# Above this size an upload is checked and written by a background task with a progress bar.
BACKGROUND_BYTES = 200 * 1024


def resource_for(record):
    user = get_user_model().objects.filter(pk=record.user_id).first()
    return import_string(record.resource)(user=user)


def _progress(record, phase_offset=0):
    def report(done, total):
        ImportRecord.objects.filter(pk=record.pk).update(
            processed_rows=phase_offset + done, total_rows=total
        )

    return report


def _summarise(record, plan):
    record.counts = plan.counts()
    record.errors = plan.error_list()
    record.total_rows = len(plan.rows)
    record.processed_rows = len(plan.rows)
    record.preview = [
        {
            "row": row.number,
            "status": row.status,
            "cells": [engine._display(c) for c in row.cells],
            "changed": list(row.changed),
            "duplicates": row.duplicates,
        }
        for row in plan.rows[:PREVIEW_ROWS]
    ]
    if plan.unknown_headings:
        record.message = _("Columns not imported (unknown headings): %s") % "、".join(
            plan.unknown_headings
        )


def check(record):
    """The dry run: read and validate every row, write nothing to the registry."""
    resource = resource_for(record)
    plan = engine.plan_import(
        resource, record.file_content, record.file_name, progress=_progress(record)
    )
    _summarise(record, plan)
    for item in record.preview:
        item["changed"] = [resource.heading_for(a) for a in item["changed"]]
    record.counts["headings"] = plan.headings
    record.status = ImportRecord.Status.FAILED if plan.file_errors else ImportRecord.Status.CHECKED
    record.save()
    return plan


def apply(record):
    """Check again (the registry may have changed since the preview) and write everything or
    nothing. The file and the per-cell details are cleared once the rows are in."""
    resource = resource_for(record)
    plan = engine.plan_import(
        resource,
        record.file_content,
        record.file_name,
        progress=_progress(record),
        compare=False,
    )
    if not plan.is_valid:
        _summarise(record, plan)
        record.status = ImportRecord.Status.FAILED
        record.message = _(
            "The check found invalid rows, so nothing was imported. Correct the file and upload "
            "it again."
        )
        record.finished_at = timezone.now()
        record.save()
        return plan
    model = resource._meta.model
    content_type = ContentType.objects.get_for_model(model)
    try:
        engine.apply_plan(
            resource,
            plan,
            on_written=lambda created, updated: _record_written(
                record, content_type, model, created, updated
            ),
        )
    except Exception as error:
        # The values may be a minor's data: the handlers log the kind of error and its frames,
        # never its text (lantian.logging).
        logger.exception("import %s failed: %s", record.pk, type(error).__name__)
        record.status = ImportRecord.Status.FAILED
        record.message = _("The database refused the rows, so nothing was imported.")
        record.finished_at = timezone.now()
        record.save()
        return plan
    duplicates = record.counts.get("duplicates", 0)  # found by the check; not searched again
    record.counts = plan.counts() | {"duplicates": duplicates, "headings": plan.headings}
    record.status = ImportRecord.Status.DONE
    record.finished_at = timezone.now()
    record.clear_pending()
    record.save()
    return plan


def _record_written(record, content_type, model, created, updated):
    """Inside the import's transaction: link each record to the import, write one history entry
    per record, and update the search index in bulk."""
    ImportedObject.objects.bulk_create(
        [ImportedObject(record=record, object_id=str(o.pk), created=True) for o in created]
        + [ImportedObject(record=record, object_id=str(o.pk), created=False) for o in updated],
        batch_size=2000,
    )
    now = timezone.now()
    data = {"import": record.pk, "file": record.file_name}
    ModelLogEntry.objects.bulk_create(
        [
            ModelLogEntry(
                content_type=content_type,
                object_id=str(o.pk),
                label=str(o)[:255],
                action=action,
                data=data,
                timestamp=now,
                user_id=record.user_id,
            )
            for objects, action in ((created, "wagtail.create"), (updated, "wagtail.edit"))
            for o in objects
        ],
        batch_size=2000,
    )
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(ImportRecord),
        object_id=str(record.pk),
        label=record.file_name[:255],
        action="lantian.import",
        data={
            "file": record.file_name,
            "created": len(created),
            "updated": len(updated),
            "registry": content_type.model,
        },
        timestamp=now,
        user_id=record.user_id,
    )
    indexing.update_search_index(model, [*created, *updated])
    indexing.update_reference_index(model, [*created, *updated])
    rows_imported.send(sender=model, record=record, created=created, updated=updated)


def start(record, step):
    """Run a step now when the file is small, else in the background."""
    from . import tasks

    record.status = (
        ImportRecord.Status.CHECKING if step == "check" else ImportRecord.Status.IMPORTING
    )
    record.processed_rows = 0
    record.save(update_fields=["status", "processed_rows"])
    if len(record.content or b"") < BACKGROUND_BYTES * 4 // 3:  # encrypted: base64 of the file
        with transaction.atomic():
            return (check if step == "check" else apply)(record)
    (tasks.check_import if step == "check" else tasks.apply_import).enqueue(record.pk)
    return None
