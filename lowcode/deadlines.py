"""The "deadline passed" trigger: a periodic scan (manage.py scan_deadlines) of the deadlines
other apps keep — a case's next visit and first response (monitoring), a referral's due date
(casework) — each looked up by name and skipped when its app is not installed. Each overdue
deadline becomes one event, once: a record is not reported again until its due date moves."""

from django.apps import apps
from django.utils import timezone

from . import rules
from .models import Trigger


def _model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def overdue_items(today=None, now=None):
    """[(record, record type, deadline kind, due as text)] of every deadline now passed."""
    today = today or timezone.localdate()
    now = now or timezone.now()
    found = []
    monitoring = _model("monitoring.CaseMonitoring")
    if monitoring is not None:
        rows = monitoring.objects.filter(is_open=True).select_related("case")
        for row in rows.filter(next_due_on__lt=today):
            found.append((row.case, "case", "visit", row.next_due_on.isoformat()))
        late = rows.filter(response_deadline__lt=now, first_response_at__isnull=True)
        for row in late:
            found.append((row.case, "case", "response", row.response_deadline.isoformat()))
    referral = _model("casework.Referral")
    if referral is not None:
        manager = referral.objects
        overdue = manager.overdue(today) if hasattr(manager, "overdue") else manager.none()
        for item in overdue:
            found.append((item, "referral", "referral", item.due_date.isoformat()))
    return found


def scan(today=None, now=None):
    """Record and handle an event for each newly passed deadline; returns how many."""
    count = 0
    for record, record_type, kind, due in overdue_items(today, now):
        if rules.already_recorded(Trigger.DEADLINE, record_type, record.pk, deadline=kind, due=due):
            continue
        event = rules.record_event(
            Trigger.DEADLINE, record, data={"deadline": kind, "due": due}, record_type=record_type
        )
        rules.handle(event)
        count += 1
    return count
