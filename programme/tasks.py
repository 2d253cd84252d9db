"""Reminders about quarterly reports, sent through django-tasks so that a slow mail server never
holds up a request and several application servers can share one queue.

`send_due_reminders` is meant to run once a day (`manage.py programme_reminders` from cron): units
that have not filed are reminded `remind_days_before` days before the deadline, and every day
after it until they file. The office can also remind the late at once from the quarter's overview.
The mails name the unit, the quarter and the deadline, never a case or a minor."""

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django_tasks import task

from . import workflow
from .models import QuarterlyReport, ReportingQuarter

PENDING = [QuarterlyReport.Status.DRAFT, QuarterlyReport.Status.RETURNED]


def _remind(report, kind, user=None):
    recipients = report.unit.reminder_recipients()
    rq = report.reporting_quarter
    with override("zh-hans"):
        if kind == "late":
            subject = _("[Lantian] Your report for %(quarter)s is overdue") % {"quarter": rq}
        else:
            subject = _("[Lantian] Your report for %(quarter)s is due on %(deadline)s") % {
                "quarter": rq,
                "deadline": rq.deadline.isoformat(),
            }
        body = _(
            "%(unit)s: the quarterly work report for %(quarter)s was due to the leading-group "
            "office by %(deadline)s. Please file it in the admin under Programme → Quarterly "
            "reports."
        ) % {"unit": report.unit, "quarter": rq, "deadline": rq.deadline.isoformat()}
    if recipients:
        send_mail(subject, body, None, recipients)
    workflow.record_reminder(report, user=user, kind=kind)
    return len(recipients)


@task()
def remind_reports(report_ids, user_id=None, kind="late"):
    """Remind the units of these reports (the ones still pending); returns mails sent."""
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    sent = 0
    reports = QuarterlyReport.objects.filter(pk__in=report_ids, status__in=PENDING)
    for report in reports.select_related("unit", "reporting_quarter"):
        sent += _remind(report, kind, user)
    return sent


@task()
def send_due_reminders():
    """The daily round: before the deadline, on its reminder day; after it, every day."""
    today = timezone.localdate()
    sent = 0
    for rq in ReportingQuarter.objects.filter(reports__status__in=PENDING).distinct():
        days_left = (rq.deadline - today).days
        if days_left < 0:
            kind = "late"
        elif days_left == rq.remind_days_before:
            kind = "deadline"
        else:
            continue
        pending = rq.reports.filter(status__in=PENDING)
        # at most one reminder per report and day, however often cron runs
        pending = pending.exclude(last_reminded_at__date=today)
        for report in pending.select_related("unit", "reporting_quarter"):
            sent += _remind(report, kind)
    return sent
