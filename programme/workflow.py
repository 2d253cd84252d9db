"""The steps of programme management, each in one place: it checks the step is allowed, saves,
keeps a revision where the record has them, and writes the audit log. Views and tasks call these;
nothing else changes a report's status or closes a task."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from . import figures, scope
from .models import (
    AgendaItem,
    Assessment,
    AssessmentIndicator,
    AssessmentScore,
    MeetingTask,
    QuarterlyReport,
    ReportFigure,
    ReportingUnit,
    sync_units,
)

Status = QuarterlyReport.Status


def draft_figures(report):
    """(Re)fill the figures of a report from the records; keeps what the unit has confirmed."""
    existing = {f.key: f for f in report.figures.all()}
    for order, (key, label, value) in enumerate(
        figures.count_figures(report.unit, report.reporting_quarter.quarter)
    ):
        figure = existing.get(key) or ReportFigure(report=report, key=key)
        untouched = figure.pk is None or figure.reported_value == figure.system_value
        figure.label, figure.system_value, figure.sort_order = label, value, order
        if untouched:
            figure.reported_value = value
        figure.save()


@transaction.atomic
def open_quarter(reporting_quarter, user):
    """Give every active unit a draft report for the quarter, figures filled in."""
    sync_units()
    created = 0
    for unit in ReportingUnit.objects.active():
        report, was_created = QuarterlyReport.objects.get_or_create(
            reporting_quarter=reporting_quarter, unit=unit
        )
        if was_created:
            draft_figures(report)
            report.save_revision(user=user, log_action=False)
            log(report, "wagtail.create", user=user)
            created += 1
    log(reporting_quarter, "programme.quarter.open", user=user, data={"reports": created})
    return created


def _check(allowed, message):
    if not allowed:
        raise ValidationError(message)


@transaction.atomic
def submit(report, user):
    if not scope.can_file(user, report):
        raise PermissionDenied
    _check(report.is_editable_by_unit, _("This report has already been submitted."))
    _check(report.work_done.strip(), _("Describe the work done before submitting."))
    missing = [f.label for f in report.figures.all() if f.reported_value is None]
    _check(
        not missing,
        _("Confirm or enter these figures before submitting: %(figures)s")
        % {"figures": "、".join(missing)},
    )
    resubmission = report.status == Status.RETURNED
    report.status = Status.SUBMITTED
    report.submitted_at = timezone.now()
    report.submitted_by = user
    report.save()
    report.save_revision(user=user, log_action=False)
    log(
        report,
        "programme.report.resubmit" if resubmission else "programme.report.submit",
        user=user,
    )


@transaction.atomic
def review(report, user, accept, comment=""):
    if not scope.is_office(user):
        raise PermissionDenied
    _check(report.status == Status.SUBMITTED, _("Only a submitted report can be reviewed."))
    _check(accept or comment.strip(), _("Say what the unit must correct when returning a report."))
    report.status = Status.ACCEPTED if accept else Status.RETURNED
    report.reviewed_at = timezone.now()
    report.reviewed_by = user
    report.review_comment = comment.strip()
    report.save()
    report.save_revision(user=user, log_action=False)
    log(
        report,
        "programme.report.accept" if accept else "programme.report.return",
        user=user,
        data={"comment": report.review_comment},
    )


def record_reminder(report, user=None, kind="deadline"):
    report.last_reminded_at = timezone.now()
    report.save(update_fields=["last_reminded_at"])
    log(report, "programme.report.remind", user=user, data={"kind": kind})


@transaction.atomic
def close_task(task, user, note):
    if not scope.can_act_for(user, task.unit):
        raise PermissionDenied
    _check(task.status == MeetingTask.Status.OPEN, _("This task is already done."))
    _check(note.strip(), _("Say what was done before closing the task."))
    task.status = MeetingTask.Status.DONE
    task.done_at = timezone.now()
    task.done_by = user
    task.outcome_note = note.strip()
    task.save()
    log(task, "programme.task.done", user=user, data={"note": task.outcome_note})


def pull_in_agenda(meeting, user, only=None):
    """Add to the meeting's agenda what needs deciding and is not on it yet (of it, only the
    sources in `only` when the office has picked)."""
    # Through AgendaItem.objects: the meeting's cluster manager would only add in memory.
    items = AgendaItem.objects.filter(meeting=meeting)
    present = set(items.exclude(source="").values_list("source", flat=True))
    order = items.count()
    added = 0
    for candidate in figures.agenda_candidates():
        if candidate.source in present or (only is not None and candidate.source not in only):
            continue
        AgendaItem.objects.create(
            meeting=meeting,
            kind=candidate.kind,
            source=candidate.source,
            title=str(candidate.title)[:200],
            details=str(candidate.details),
            sort_order=order + added,
        )
        added += 1
    if added:
        log(meeting, "programme.meeting.pull_in", user=user, data={"items": added})
    return added


def apply_decisions(meeting, user):
    """After the meeting is saved: carry each new decision on a record back to that record."""
    pending = AgendaItem.objects.filter(meeting=meeting, applied_at__isnull=True).exclude(
        outcome=""
    )
    for item in pending:
        if figures.apply_decision(item, user):
            item.applied_at = timezone.now()
            item.save(update_fields=["applied_at"])
            log(
                meeting,
                "programme.meeting.decision_applied",
                user=user,
                data={"item": item.title, "source": item.source, "outcome": item.outcome},
            )


@transaction.atomic
def open_assessment_year(year, user):
    """A score sheet for every active unit, indicators measured from the records."""
    sync_units()
    indicators = list(AssessmentIndicator.objects.filter(is_active=True))
    created = 0
    for unit in ReportingUnit.objects.active():
        assessment, was_created = Assessment.objects.get_or_create(year=year, unit=unit)
        have = set(assessment.scores.values_list("indicator_id", flat=True))
        for order, indicator in enumerate(indicators):
            rate = figures.measure(indicator, unit, year)
            score = assessment.scores.filter(indicator=indicator).first() or AssessmentScore(
                assessment=assessment, indicator=indicator, sort_order=order
            )
            score.measured = None if rate is None else round(rate, 3)
            if indicator.pk not in have and rate is not None:
                score.score = round(indicator.max_score * rate, 1)
            score.save()
        assessment.recompute_total()
        assessment.save()
        if was_created:
            assessment.save_revision(user=user, log_action=False)
            log(assessment, "wagtail.create", user=user)
            created += 1
    return created
