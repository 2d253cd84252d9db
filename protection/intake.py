"""The one door from the public site into the registries: a report goes in, a receipt comes
back, and nothing else. content's report form calls receive_public_report(); it never reads."""

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import IntakeReport
from .tasks import notify_new_intake

# No 0/O, 1/I/L: the receipt is read out over the phone.
_RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_receipt():
    """LT-20261128-7F3K9Q: the date helps staff find it, the 6 random characters (31^6, about
    900 million) make it unguessable within a day."""
    day = timezone.localdate().strftime("%Y%m%d")
    suffix = "".join(secrets.choice(_RECEIPT_ALPHABET) for _ in range(6))
    return f"LT-{day}-{suffix}"


def receive_public_report(
    *,
    township,
    village=None,
    what_happened,
    location="",
    child_age="",
    reporter_kind,
    reporter_name="",
    reporter_phone="",
):
    """Store a public report in the intake queue, notify the city office and the township's
    staff (by a task, after commit), and return its receipt number.

    The caller has validated the form; a village outside the township is dropped rather than
    failing a report a frightened neighbour has just typed."""
    if village is not None and village.township_id != township.pk:
        village = None
    for _attempt in range(5):
        try:
            with transaction.atomic():
                report = IntakeReport.objects.create(
                    receipt=new_receipt(),
                    township=township,
                    village=village,
                    what_happened=what_happened,
                    location=location,
                    child_age=child_age,
                    reporter_kind=reporter_kind,
                    reporter_name=reporter_name,
                    reporter_phone=reporter_phone,
                )
            break
        except IntegrityError:  # a receipt collision: astronomically rare, try another
            continue
    else:
        raise RuntimeError("Could not allocate a receipt number.")
    transaction.on_commit(lambda: notify_new_intake.enqueue(report.pk))
    return report.receipt
