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
from wagtail.log_actions import log

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


def _unit_cases(unit):
    """The cases a unit answers for: a township's by the minor's township, a department's by
    the units involved (五(七)). None while protection has no Case model."""
    Case = source_model("protection", "Case")
    if Case is None:
        return None
    if unit.township_id:
        return Case.objects.filter(minor__township_id=unit.township_id)
    return Case.objects.filter(departments=unit.department_id)


def cases_opened(unit, quarter: Quarter):
    cases = _unit_cases(unit)
    if cases is None:
        return None
    return Decimal(
        cases.filter(opened_on__gte=quarter.first_day, opened_on__lte=quarter.last_day).count()
    )


def cases_closed(unit, quarter: Quarter):
    """Cases whose closing (a status change to closed on the timeline) fell in the quarter."""
    cases = _unit_cases(unit)
    CaseNote = source_model("protection", "CaseNote")
    if cases is None or CaseNote is None:
        return None
    closings = CaseNote.objects.filter(
        case__in=cases.values("pk"),
        to_status="closed",
        created_at__gte=quarter.start,
        created_at__lt=quarter.end,
    )
    return Decimal(closings.values("case").distinct().count())


def _unit_referrals(unit):
    """The referrals a unit received (五(七)): those to its department; for a township, those to
    各乡镇(街道) about its own cases. None while casework has no referrals."""
    Referral = source_model("casework", "Referral")
    if Referral is None:
        return None
    received = Referral.objects.filter(department_id=unit.department_id)
    if unit.township_id:
        received = received.filter(case__minor__township_id=unit.township_id)
    return received


def referrals_received(unit, quarter: Quarter):
    """Referrals sent to the unit in the quarter, whatever became of them (revoked ones too:
    they reached the unit)."""
    received = _unit_referrals(unit)
    if received is None:
        return None
    return Decimal(received.filter(sent_at__gte=quarter.start, sent_at__lt=quarter.end).count())


def referrals_answered(unit, quarter: Quarter):
    """Referrals the unit answered (accepted or rejected) in the quarter on or before their due
    date, the due date taken as a whole day in the city's time zone."""
    received = _unit_referrals(unit)
    if received is None:
        return None
    answered = received.filter(answered_at__gte=quarter.start, answered_at__lt=quarter.end)
    # answered_at__date is taken in TIME_ZONE (Asia/Shanghai), as the due date is meant.
    return Decimal(answered.filter(answered_at__date__lte=F("due_date")).count())


def relief_paid(unit, quarter: Quarter):
    """Relief-fund money paid in the quarter to the minors of the unit's cases (yuan)."""
    cases = _unit_cases(unit)
    Payment = source_model("support", "ReliefPayment")
    if cases is None or Payment is None:
        return None
    payments = Payment.objects.filter(
        application__case__in=cases.values("pk"),
        paid_on__gte=quarter.first_day,
        paid_on__lte=quarter.last_day,
    )
    return sum((p for p in payments.values_list("amount", flat=True)), Decimal("0.00"))


def visits_made(unit, quarter: Quarter):
    """Home visits in person (phone calls excluded) made on the unit's cases in the quarter."""
    cases = _unit_cases(unit)
    HomeVisit = source_model("monitoring", "HomeVisit")
    if cases is None or HomeVisit is None:
        return None
    visits = HomeVisit.objects.filter(
        case__in=cases.values("pk"),
        visited_on__gte=quarter.first_day,
        visited_on__lte=quarter.last_day,
    ).exclude(mode="phone")
    return Decimal(visits.count())


def visits_overdue(unit, quarter: Quarter):
    """The unit's open cases whose visit was overdue on the quarter's last day (today while the
    quarter runs), by the visit rules now in force and the visits recorded up to that day."""
    cases = _unit_cases(unit)
    if cases is None or source_model("monitoring", "HomeVisit") is None:
        return None
    from monitoring.due import overdue_count_on

    day = min(quarter.last_day, timezone.localdate())
    return Decimal(overdue_count_on(cases.filter(opened_on__lte=day), day))


FIGURES = [
    Figure("cases_opened", _("cases opened"), cases_opened),
    Figure("cases_closed", _("cases closed"), cases_closed),
    Figure("visits_made", _("home visits made"), visits_made),
    Figure("visits_overdue", _("home visits overdue"), visits_overdue),
    Figure("referrals_received", _("referrals received"), referrals_received),
    Figure("referrals_answered", _("referrals answered in time"), referrals_answered),
    Figure("people_trained", _("people trained"), people_trained),
    Figure("relief_paid", _("relief paid (yuan)"), relief_paid),
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
    """Cases proposed for target category 6 and not yet decided (三(六)), and open high-risk
    cases, and referrals past their due date (五(七)). Response-deadline breaches wait for
    protection to record deadlines. Titles carry the case number and township, never the minor."""
    from .models import AgendaItem

    Case = source_model("protection", "Case")
    if Case is None:
        return []
    open_cases = Case.objects.exclude(status="closed").select_related("minor__township")
    found = []
    proposals = open_cases.filter(categories__number=6, joint_meeting_decision="").distinct()
    for case in proposals:
        found.append(
            Candidate(
                AgendaItem.Kind.CATEGORY_6,
                f"protection.case:{case.pk}",
                _("Confirm case %(case)s (%(township)s) as target category 6")
                % {"case": case.reference, "township": case.minor.township},
            )
        )
    for case in open_cases.filter(risk_level__in=["high", "urgent"]):
        found.append(
            Candidate(
                AgendaItem.Kind.HIGH_RISK,
                f"protection.case:{case.pk}:risk",
                _("High-risk case %(case)s (%(township)s): %(risk)s")
                % {
                    "case": case.reference,
                    "township": case.minor.township,
                    "risk": case.get_risk_level_display(),
                },
            )
        )
    found.extend(_overdue_referrals())
    return found


def _overdue_referrals():
    """Referrals still open past their due date (Asia/Shanghai), for the meeting to chase."""
    from .models import AgendaItem

    Referral = source_model("casework", "Referral")
    if Referral is None:
        return []
    overdue = Referral.objects.overdue().select_related("department", "case__minor__township")
    return [
        Candidate(
            AgendaItem.Kind.REFERRAL_OVERDUE,
            f"casework.referral:{referral.pk}",
            _("Referral %(ref)s of case %(case)s (%(township)s) to %(unit)s, due %(due)s")
            % {
                "ref": referral.reference,
                "case": referral.case.reference,
                "township": referral.case.minor.township,
                "unit": referral.department,
                "due": referral.due_date,
            },
        )
        for referral in overdue
    ]


def apply_decision(item, user):
    """Carry a meeting's decision on an item pulled from the records back to that record.

    A category-6 proposal approved or not approved updates the case: its joint-meeting decision
    names the meeting, an entry goes on the case's timeline and into the audit log. Not approved
    also takes category 6 off the case when it has another category. Returns True when a record
    was updated; other decisions (deferred, noted) leave the item open for a later meeting."""
    from .models import AgendaItem

    if item.kind != AgendaItem.Kind.CATEGORY_6 or item.outcome not in (
        AgendaItem.Outcome.APPROVED,
        AgendaItem.Outcome.REJECTED,
    ):
        return False
    Case = source_model("protection", "Case")
    CaseNote = source_model("protection", "CaseNote")
    app, _sep, pk = item.source.partition(":")
    if Case is None or app != "protection.case" or not pk.isdigit():
        return False
    case = Case.objects.filter(pk=int(pk)).first()
    if case is None:
        return False
    meeting = item.meeting
    approved = item.outcome == AgendaItem.Outcome.APPROVED
    verdict = _("confirmed as target category 6") if approved else _("not confirmed as category 6")
    when = timezone.localtime(meeting.held_at).strftime("%Y-%m-%d")
    case.joint_meeting_decision = f"{when} {meeting.title}:{verdict}"[:200]
    if approved:
        # What the registry asks for before the case serves in category 6 (三(六)).
        case.joint_meeting_on = timezone.localdate(meeting.held_at)
        case.joint_meeting_reference = meeting.title[:50]
    if not approved and case.categories.exclude(number=6).exists():
        case.categories.remove(*case.categories.filter(number=6))
    case.save()
    case.save_revision(user=user, log_action=False)
    text = _("Joint meeting %(meeting)s (%(when)s): %(verdict)s. %(decision)s") % {
        "meeting": meeting.title,
        "when": when,
        "verdict": verdict,
        "decision": item.decision,
    }
    CaseNote.objects.create(case=case, author=user, text=text.strip())
    log(
        case,
        "programme.case.category6",
        user=user,
        data={"meeting": meeting.pk, "approved": approved, "decision": item.decision},
    )
    return True


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


def referral_response(unit, year, today=None):
    """Share of the referrals the unit received in the year that it answered (accepted or
    rejected) by their due date. A referral still within its due date and unanswered does not
    count yet; one revoked before it was due and unanswered never does."""
    received = _unit_referrals(unit)
    if received is None:
        return None
    today = today or timezone.localdate()
    in_year = received.filter(sent_at__year=year)
    answered = in_year.filter(answered_at__isnull=False)
    # Unanswered and past the due date: a miss, unless revoked before it was due.
    missed = in_year.filter(answered_at__isnull=True, due_date__lt=today).exclude(
        status="revoked", closed_at__date__lte=F("due_date")
    )
    due = answered.count() + missed.count()
    if not due:
        return None
    on_time = answered.filter(answered_at__date__lte=F("due_date")).count()
    return Decimal(on_time) / Decimal(due)


def visit_completion(unit, year, today=None):
    """Share of the unit's open cases whose home visit was not overdue at the end of the year
    (today while the year runs), by the same rule as the visits-due list."""
    cases = _unit_cases(unit)
    if cases is None or source_model("monitoring", "HomeVisit") is None:
        return None
    from monitoring.due import overdue_count_on

    day = min(Quarter(year, 4).last_day, today or timezone.localdate())
    open_cases = cases.filter(opened_on__lte=day).exclude(status="closed")
    total = open_cases.count()
    if not total:
        return None
    return Decimal(total - overdue_count_on(open_cases, day)) / Decimal(total)


MEASURES = {
    "report_punctuality": report_punctuality,
    "task_completion": task_completion,
    "training_delivered": training_delivered,
    "referral_response": referral_response,
    "visit_completion": visit_completion,
}


def measure(indicator, unit, year):
    fn = MEASURES.get(indicator.measure)
    return fn(unit, year) if fn else None
