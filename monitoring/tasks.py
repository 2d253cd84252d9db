"""Background work of monitoring, through django-tasks (immediate in development and tests, the
database queue in production): refreshing every case's due dates after a rule change, and the
e-mail digest of visits due per worker.

The digest names the case number, the village and the dates, never the minor: an e-mail leaves
the system, and the worker opens the case in the admin to see who it is."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

from protection.scope import visible

from . import due
from .clock import city_today
from .models import CaseMonitoring, DigestSent

DAILY, WEEKLY = "daily", "weekly"


@task()
def refresh_due_dates():
    """Recompute every case's next visit and response deadline (after a rule changed)."""
    return due.refresh_all()


def period_key(period, today):
    if period == WEEKLY:
        year, week, _weekday = today.isocalendar()
        return f"{year}-W{week:02d}"
    return today.isoformat()


def _line(row, today):
    place = f"{row.township.name} {row.village.name}"
    return f"{row.case.reference} · {place} · {due.due_label(row, today)}"


def digest_for(worker, rows, today):
    """(subject, body) of one worker's digest: overdue first, then due within seven days."""
    overdue = [r for r in rows if r.next_due_on and r.next_due_on < today]
    soon = [r for r in rows if r.next_due_on and r.next_due_on >= today]
    with override(settings.LANGUAGE_CODE):
        subject = _("[Lantian] Home visits: %(overdue)s overdue, %(soon)s due within 7 days") % {
            "overdue": len(overdue),
            "soon": len(soon),
        }
        parts = [_("Home visits of the cases assigned to you, as of %(day)s.") % {"day": today}]
        if overdue:
            parts += ["", _("Overdue:")] + [_line(r, today) for r in overdue]
        if soon:
            parts += ["", _("Due within 7 days:")] + [_line(r, today) for r in soon]
        link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("monitoring_due:list")
        parts += ["", _("Record each visit in the admin: %(link)s") % {"link": link}]
    return subject, "\n".join(parts)


@task()
def send_visit_digest(period=DAILY, day=None):
    """One mail per assigned worker with overdue or soon-due visits in their jurisdiction, at
    most once per day (daily) or ISO week (weekly) however often it runs; returns mails sent."""
    today = datetime.date.fromisoformat(day) if day else city_today()
    key = f"{period}:{period_key(period, today)}"
    horizon = today + datetime.timedelta(days=due.SOON_DAYS)
    rows = CaseMonitoring.objects.filter(is_open=True, next_due_on__lte=horizon)
    rows = (
        rows.filter(assigned_worker__is_active=True)
        .exclude(assigned_worker__email="")
        .exclude(assigned_worker__isnull=True)
        .select_related("case", "township", "village", "assigned_worker")
        .order_by("assigned_worker_id", "next_due_on", "case_id")
    )
    by_worker = defaultdict(list)
    for row in rows:
        by_worker[row.assigned_worker].append(row)
    done = set(
        DigestSent.objects.filter(period=key, user__in=list(by_worker)).values_list(
            "user_id", flat=True
        )
    )
    sent = 0
    for worker, worker_rows in by_worker.items():
        if worker.pk in done:
            continue
        # A worker moved elsewhere is told only of the cases still in their jurisdiction.
        in_scope = set(
            visible(
                CaseMonitoring.objects.filter(pk__in=[r.pk for r in worker_rows]), worker
            ).values_list("pk", flat=True)
        )
        worker_rows = [r for r in worker_rows if r.pk in in_scope]
        if not worker_rows:
            continue
        subject, body = digest_for(worker, worker_rows, today)
        send_mail(subject, body, None, [worker.email])
        DigestSent.objects.create(user=worker, period=key)
        sent += 1
    return sent
