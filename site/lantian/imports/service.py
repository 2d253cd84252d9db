"""The two steps of an import, run in the request for small files and as django-tasks background
tasks for large ones (``tasks.py``), writing their progress and results to the ``ImportRecord``."""

import logging
import time

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from wagtail.models import ModelLogEntry

from lantian.models import ImportedObject, ImportRecord

from . import bulk, checked, engine, indexing
from .signals import rows_imported

logger = logging.getLogger(__name__)
PREVIEW_ROWS = 100
# Above this size an upload is checked and written by a background task with a progress bar.
BACKGROUND_BYTES = 200 * 1024
PROGRESS_SECONDS = 1.0


def resource_for(record):
    user = get_user_model().objects.filter(pk=record.user_id).first()
    return import_string(record.resource)(user=user)


def _progress(record, phase_offset=0):
    """Writes the progress bar's figures at most once a second: each write is a committed
    UPDATE, and a fast check would otherwise spend its time on them."""
    last = [0.0]

    def report(done, total):
        now = time.monotonic()
        if done and now - last[0] < PROGRESS_SECONDS:
            return
        last[0] = now
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
    """The dry run: read and validate every row, write nothing to the registry. The checked rows
    are kept (encrypted) for the write when the preview lets the user confirm (``checked.py``)."""
    resource = resource_for(record)
    plan = engine.check_cells(
        resource, record.file_content, record.file_name, progress=_progress(record)
    )
    stamp = None if plan.file_errors else checked.fingerprint(resource, record, plan.headings)
    kept = checked.snapshot(plan) if stamp else None
    engine.settle(resource, plan)
    _summarise(record, plan)
    for item in record.preview:
        item["changed"] = [resource.heading_for(a) for a in item["changed"]]
    record.counts["headings"] = plan.headings
    record.status = ImportRecord.Status.FAILED if plan.file_errors else ImportRecord.Status.CHECKED
    record.save()
    if kept and plan.is_valid:
        checked.keep(record, kept, stamp, int(ImportRecord.PENDING_FOR.total_seconds()))
    return plan


def _checked_again(record, resource):
    """The rows to write: those kept from the check while nothing they depend on has changed,
    else the file read and validated again; in both cases settled against the registry as it
    is now (a record added or changed since the preview is seen)."""
    headings = record.counts.get("headings") or []
    plan = checked.take(record, checked.fingerprint(resource, record, headings))
    checked.forget(record)
    if plan is None:
        plan = engine.check_cells(
            resource, record.file_content, record.file_name, progress=_progress(record)
        )
    return engine.settle(resource, plan, compare=False)


def apply(record):
    """Check again what the registry decides (it may have changed since the preview) and write
    everything or nothing. The file and the per-cell details are cleared once the rows are in."""
    resource = resource_for(record)
    plan = _checked_again(record, resource)
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
    per record (each with one multi-row INSERT per batch: ``bulk.py``), and update the search
    index and the reference index in bulk."""
    bulk.insert_rows(
        ImportedObject,
        ["object_id", "created"],
        [(str(o.pk), True) for o in created] + [(str(o.pk), False) for o in updated],
        common={"record": record.pk},
    )
    now = timezone.now()
    bulk.insert_rows(
        ModelLogEntry,
        ["object_id", "label", "action"],
        [
            (str(o.pk), str(o)[:255], action)
            for objects, action in ((created, "wagtail.create"), (updated, "wagtail.edit"))
            for o in objects
        ],
        common={
            "content_type": content_type.pk,
            "data": {"import": record.pk, "file": record.file_name},
            "timestamp": now,
            "user": record.user_id,
        },
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
    indexing.update_reference_index(model, created, created=True)
    indexing.update_reference_index(model, updated)
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
