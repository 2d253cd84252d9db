"""Every number and agenda item programme management takes from the other registries.

The case registries (protection) and training sessions (training) are built beside this app and
land at different times; this module is the one place that knows their models. Each figure looks
its source model up by name and answers None ("the system does not know") when that model is not
there yet, so reports can be opened today and fill themselves in as the registries arrive. Nothing
here returns a minor's name or any field of a case beyond its id and its counts."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .quarters import Quarter

logger = logging.getLogger(__name__)


def source_model(app_label, model_name):
    """The model if its app has built it, else None."""
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


# ---------------------------------------------------------------------------------------------
# Figures of a quarterly report


@dataclass(frozen=True)
class Figure:
    key: str
    label: str
    count: callable  # (unit, Quarter) -> Decimal | None


def _training_sessions(unit):
    Session = source_model("training", "TrainingSession")
    if Session is None:
        return None
    held = Session.objects.filter(status="held")
    if unit.township_id:
        return held.filter(township_id=unit.township_id)
    return held.filter(organiser_id=unit.department_id)


def people_trained(unit, quarter: Quarter):
    """People who attended (checked in at) sessions the unit held in the quarter."""
    sessions = _training_sessions(unit)
    Registration = source_model("training", "Registration")
    if sessions is None or Registration is None:
        return None
    sessions = sessions.filter(start__gte=quarter.start, start__lt=quarter.end)
    return Decimal(
        Registration.objects.filter(session__in=sessions, checked_in_at__isnull=False).count()
    )


def _not_yet_available(unit, quarter):
    """The source registry (cases, visits, referrals, relief) has not landed in protection yet."""
    return None


FIGURES = [
    Figure("cases_opened", _("cases opened"), _not_yet_available),
    Figure("cases_closed", _("cases closed"), _not_yet_available),
    Figure("visits_made", _("home visits made"), _not_yet_available),
    Figure("visits_overdue", _("home visits overdue"), _not_yet_available),
    Figure("referrals_received", _("referrals received"), _not_yet_available),
    Figure("referrals_answered", _("referrals answered in time"), _not_yet_available),
    Figure("people_trained", _("people trained"), people_trained),
    Figure("relief_paid", _("relief paid (yuan)"), _not_yet_available),
]


def count_figures(unit, quarter: Quarter):
    """[(key, label, value or None)] for one unit and quarter."""
    return [(f.key, str(f.label), f.count(unit, quarter)) for f in FIGURES]


# ---------------------------------------------------------------------------------------------
# What a joint meeting's agenda can pull in


@dataclass(frozen=True)
class Candidate:
    kind: str  # AgendaItem.Kind
    source: str  # "app.model:pk", unique per record
    title: str
    details: str = ""


def agenda_candidates(now=None):
    """What needs deciding now: late units, open tasks, and the case registry's proposals and
    breaches once protection has them."""
    from .models import AgendaItem, MeetingTask, QuarterlyReport

    now = now or timezone.now()
    found = []
    late = QuarterlyReport.objects.filter(
        status__in=[QuarterlyReport.Status.DRAFT, QuarterlyReport.Status.RETURNED]
    ).select_related("unit", "reporting_quarter")
    for report in late:
        if report.is_overdue(now):
            found.append(
                Candidate(
                    AgendaItem.Kind.LATE_REPORT,
                    f"programme.quarterlyreport:{report.pk}",
                    _("%(unit)s has not filed its report for %(quarter)s")
                    % {"unit": report.unit, "quarter": report.reporting_quarter},
                )
            )
    for task in MeetingTask.objects.open().select_related("unit", "meeting"):
        found.append(
            Candidate(
                AgendaItem.Kind.OPEN_TASK,
                f"programme.meetingtask:{task.pk}",
                _("Open task of %(unit)s, due %(due)s: %(task)s")
                % {"unit": task.unit, "due": task.due_date, "task": task.description[:80]},
                _("Assigned by %(meeting)s.") % {"meeting": task.meeting},
            )
        )
    found.extend(_case_candidates())
    return found


def _case_candidates():
    """Category-6 proposals, response-deadline breaches, overdue referrals and high-risk cases:
    not available until protection's Case (and its referrals) land."""
    return []


def apply_decision(item, user):
    """Carry a meeting's decision on an item pulled from the records back to that record.

    A category-6 proposal approved or rejected updates the case once protection's Case exists;
    until then the decision stays on the agenda item and the audit log only. Returns True when a
    record was updated."""
    return False


# ---------------------------------------------------------------------------------------------
# Indicators of the annual assessment: each a rate between 0 and 1, or None


def report_punctuality(unit, year, now=None):
    """Share of the year's due reports that reached the office by their deadline. A quarter whose
    deadline is still ahead counts only once the unit has filed."""
    from .models import QuarterlyReport

    now = now or timezone.now()
    reports = QuarterlyReport.objects.filter(unit=unit, reporting_quarter__year=year)
    due = [
        r
        for r in reports.select_related("reporting_quarter")
        if r.submitted_at or now >= r.reporting_quarter.deadline_passes_at
    ]
    if not due:
        return None
    on_time = sum(1 for r in due if r.submitted_at and not r.filed_late)
    return Decimal(on_time) / Decimal(len(due))


def task_completion(unit, year):
    from .models import MeetingTask

    tasks = MeetingTask.objects.filter(unit=unit, due_date__year=year)
    total = tasks.count()
    if not total:
        return None
    # done_at__date is taken in the city's time zone (TIME_ZONE), as the due date is meant.
    done = tasks.filter(status=MeetingTask.Status.DONE, done_at__date__lte=F("due_date")).count()
    return Decimal(done) / Decimal(total)


def training_delivered(unit, year):
    """Share of the year's four quarters in which the unit held at least one session."""
    sessions = _training_sessions(unit)
    if sessions is None:
        return None
    quarters = [Quarter(year, n) for n in (1, 2, 3, 4)]
    with_training = sum(
        1 for q in quarters if sessions.filter(start__gte=q.start, start__lt=q.end).exists()
    )
    return Decimal(with_training) / Decimal(4)


def _indicator_not_yet_available(unit, year):
    return None


MEASURES = {
    "report_punctuality": report_punctuality,
    "task_completion": task_completion,
    "training_delivered": training_delivered,
    "referral_response": _indicator_not_yet_available,
    "visit_completion": _indicator_not_yet_available,
}


def measure(indicator, unit, year):
    fn = MEASURES.get(indicator.measure)
    return fn(unit, year) if fn else None
