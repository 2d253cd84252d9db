"""Information comparison (信息比对) of a department's list without importing it: the list comes
back as a spreadsheet saying of each row whether the child is known, new, possibly known or
conflicting (``MinorResource.compare_sheet``).

A small list is answered within the request. A list above the size at which an import goes to
the background (``lantian.imports.service.BACKGROUND_BYTES``) is compared by a django-tasks
task, as a large import is, writing its progress on a ``ListComparison`` that the user may leave
and come back to, and download the answer from when it is ready."""

import logging

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from lantian.imports import spreadsheets
from lantian.imports.reading import SheetError
from lantian.imports.service import BACKGROUND_BYTES
from protection.models import Minor
from protection.resources import MinorResource

from .models import ListComparison

logger = logging.getLogger(__name__)


def in_background(upload):
    """Whether a list is large enough to be compared by a background task."""
    return upload.size >= BACKGROUND_BYTES


def answer(user, content, filename, progress=None):
    """(the answer as xlsx bytes, how many rows it has); SheetError if the file cannot be read."""
    headings, rows = MinorResource(user=user).compare_sheet(content, filename, progress=progress)
    return spreadsheets.xlsx_bytes(headings, rows), len(rows)


def download(user, file_name, content, row_count):
    """The answer handed out: named after the list and logged as an export (lantian's rule)."""
    return spreadsheets.comparison_download(user, Minor, file_name, content, row_count)


def start(user, upload):
    """Keep the list (encrypted) and compare it in the background; returns the record whose
    page shows the progress."""
    from .tasks import compare_list

    comparison = ListComparison(user=user, file_name=upload.name[:255])
    comparison.file_content = upload.read()
    comparison.save()
    compare_list.enqueue(comparison.pk)
    return comparison


def run(comparison):
    """The background task's work: compare, keep the answer, forget the list."""
    user = get_user_model().objects.filter(pk=comparison.user_id, is_active=True).first()
    if user is None:
        comparison.delete()  # nobody may read the answer any more
        return

    def report(done, total):
        ListComparison.objects.filter(pk=comparison.pk).update(
            processed_rows=done, total_rows=total
        )

    ListComparison.objects.filter(pk=comparison.pk).update(status=ListComparison.Status.RUNNING)
    try:
        content, row_count = answer(
            user, comparison.file_content, comparison.file_name, progress=report
        )
    except SheetError as error:
        comparison.status = ListComparison.Status.FAILED
        comparison.message = str(error)
    except Exception as error:
        # The list names children: the log says what kind of error it was, never its text.
        logger.exception("list comparison %s failed: %s", comparison.pk, type(error).__name__)
        comparison.status = ListComparison.Status.FAILED
        comparison.message = _(
            "The comparison failed. Upload the list again, or ask an administrator."
        )
    else:
        comparison.answer = content
        comparison.status = ListComparison.Status.DONE
        comparison.total_rows = comparison.processed_rows = row_count
        comparison.message = ""
    comparison.file_content = None
    comparison.finished_at = timezone.now()
    comparison.save()
