"""Next visit due and first response of each case: the one place these rules are computed.

`next_due()` is a pure function of a case's facts, its visits and the rules in force; `refresh()`
applies it to cases in bulk and stores the result on CaseMonitoring (a few queries per chunk of
cases, whatever their number of visits), which the lists, the dashboard and the digest read.
It runs on every visit saved or deleted, every case change, every rule change and every import
(monitoring.signals, monitoring.resources); `manage.py monitoring_refresh` runs it for all."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from protection.models import Case

from .clock import city_today, day_start, moment
from .models import CaseMonitoring, HomeVisit, ResponseRule, VisitRule

CLOSED = Case.Status.CLOSED
CHUNK = 2000
SOON_DAYS = 7
FIELDS = [
    "township_id",
    "village_id",
    "assigned_worker_id",
    "is_open",
    "last_visit_on",
    "next_due_on",
    "due_rule_id",
    "reported_at",
    "response_deadline",
    "first_response_at",
]


@dataclass
class Visit:
    day: datetime.date
    role: str
    in_person: bool
    at: datetime.datetime


@dataclass
class CaseFacts:
    case_id: int
    opened_on: datetime.date
    is_open: bool
    risk_level: str
    response_level: str
    category_ids: set = field(default_factory=set)
    visits: list = field(default_factory=list)


def next_due(facts, rules, as_of=None):
    """(due date, rule) of the earliest obligation of an open case, or (None, None).

    Each applicable rule is an obligation: counted from the last visit in person by its role
    (any role if it names none) on or before `as_of`, or from the case's opening when there is
    none, the next visit is due `interval_days` later."""
    if not facts.is_open:
        return None, None
    visits = [v for v in facts.visits if v.in_person and (as_of is None or v.day <= as_of)]
    best = (None, None)
    for rule in rules:
        if not rule.applies_to(facts.risk_level, facts.response_level, facts.category_ids):
            continue
        counted = [v.day for v in visits if not rule.visitor_role or v.role == rule.visitor_role]
        due = max(counted, default=facts.opened_on) + datetime.timedelta(days=rule.interval_days)
        if best[0] is None or due < best[0]:
            best = (due, rule)
    return best


def first_response(facts, reported_at):
    """The first visit or contact (a phone call counts) at or after the report."""
    return min((v.at for v in facts.visits if v.at >= reported_at), default=None)


def response_hours(rules, response_level, risk_level):
    for rule in rules:
        if rule.response_level == response_level and rule.risk_level == risk_level:
            return rule.hours
    return None


def reported_at_for(case, intake_received_at, stored, created_now=None):
    """When the response clock starts: the public report's arrival; else the moment the case was
    first saved if it was opened that day; else the start of the day it was opened (a case
    entered days after it was opened is given no extra time)."""
    if intake_received_at:
        return intake_received_at
    if stored is not None and city_today(stored.reported_at) == case.opened_on:
        return stored.reported_at
    if stored is None and created_now and city_today(created_now) == case.opened_on:
        return created_now
    return day_start(case.opened_on)


def load_facts(case_ids, categories=None):
    """CaseFacts by case id, plus the place and worker columns, in four queries per chunk.
    `categories` overrides the stored target categories of a case being saved (a form's
    categories are written after the case's own post_save)."""
    rows = Case.objects.filter(pk__in=case_ids).values(
        "pk",
        "opened_on",
        "status",
        "risk_level",
        "response_level",
        "assigned_worker_id",
        "minor__township_id",
        "minor__village_id",
        "intake_report__received_at",
    )
    facts, extra = {}, {}
    for row in rows:
        facts[row["pk"]] = CaseFacts(
            case_id=row["pk"],
            opened_on=row["opened_on"],
            is_open=row["status"] != CLOSED,
            risk_level=row["risk_level"],
            response_level=row["response_level"],
        )
        extra[row["pk"]] = row
    through = Case.categories.through.objects.filter(case_id__in=list(facts))
    for case_id, category_id in through.values_list("case_id", "targetcategory_id"):
        facts[case_id].category_ids.add(category_id)
    for case_id, ids in (categories or {}).items():
        if case_id in facts:
            facts[case_id].category_ids = set(ids)
    visits = HomeVisit.objects.filter(case_id__in=list(facts)).values_list(
        "case_id", "visited_on", "visited_time", "visitor_role", "mode"
    )
    for case_id, day, time, role, mode in visits:
        facts[case_id].visits.append(
            Visit(day, role, mode != HomeVisit.Mode.PHONE, moment(day, time))
        )
    return facts, extra


def refresh(case_ids, categories=None, created_now=None):
    """Recompute and store the monitoring rows of these cases; returns how many changed.
    `created_now` is the moment a case was first saved, which starts its response clock when
    it was opened that same day."""
    case_ids = list(case_ids)
    visit_rules = list(VisitRule.objects.filter(active=True))
    response_rules = list(ResponseRule.objects.all())
    changed = 0
    for start in range(0, len(case_ids), CHUNK):
        chunk = case_ids[start : start + CHUNK]
        facts, extra = load_facts(chunk, categories)
        existing = CaseMonitoring.objects.in_bulk(list(facts))
        to_create, to_update = [], []
        for case_id, case in facts.items():
            row = extra[case_id]
            stored = existing.get(case_id)
            reported_at = reported_at_for(
                case, row["intake_report__received_at"], stored, created_now
            )
            due, rule = next_due(case, visit_rules)
            hours = response_hours(response_rules, case.response_level, case.risk_level)
            in_person = [v.day for v in case.visits if v.in_person]
            values = {
                "township_id": row["minor__township_id"],
                "village_id": row["minor__village_id"],
                "assigned_worker_id": row["assigned_worker_id"],
                "is_open": case.is_open,
                "last_visit_on": max(in_person, default=None),
                "next_due_on": due,
                "due_rule_id": rule.pk if rule else None,
                "reported_at": reported_at,
                "response_deadline": (
                    reported_at + datetime.timedelta(hours=hours) if hours else None
                ),
                "first_response_at": first_response(case, reported_at),
            }
            if stored is None:
                to_create.append(CaseMonitoring(case_id=case_id, **values))
            elif any(getattr(stored, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(stored, k, v)
                to_update.append(stored)
        with transaction.atomic():
            # An upsert: a visit saved while a rule refresh runs may create the same row.
            CaseMonitoring.objects.bulk_create(
                to_create,
                batch_size=1000,
                update_conflicts=True,
                unique_fields=["case"],
                update_fields=FIELDS,
            )
            CaseMonitoring.objects.bulk_update(to_update, FIELDS, batch_size=1000)
        changed += len(to_create) + len(to_update)
    return changed


def refresh_all():
    """Every case (after a rule change): in chunks, so 100k cases never sit in memory at once."""
    ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    return refresh(ids)


def overdue_count_on(cases, day):
    """How many of these open cases were overdue on a past day: the same rule as the stored due
    dates, with the rules now in force and the visits recorded up to that day."""
    rules = list(VisitRule.objects.filter(active=True))
    ids = list(cases.exclude(status=CLOSED).values_list("pk", flat=True))
    count = 0
    for start in range(0, len(ids), CHUNK):
        facts, _extra = load_facts(ids[start : start + CHUNK])
        for case in facts.values():
            due_on, _rule = next_due(case, rules, as_of=day)
            count += due_on is not None and due_on < day
    return count


# ---------------------------------------------------------------------------------------------
# The lists


def overdue(queryset, today=None):
    """Rows whose visit was due before today (in the city): due today is not yet overdue."""
    return queryset.filter(next_due_on__lt=today or city_today())


def due_soon(queryset, today=None, days=SOON_DAYS):
    """Rows due from today to `days` days ahead, not yet overdue."""
    today = today or city_today()
    return queryset.filter(
        next_due_on__gte=today, next_due_on__lte=today + datetime.timedelta(days=days)
    )


def due_label(row, today=None):
    today = today or city_today()
    if row.next_due_on is None:
        return _("no visit due") if row.is_open else _("case closed")
    if row.next_due_on < today:
        return _("overdue by %(days)s days (due %(day)s)") % {
            "days": (today - row.next_due_on).days,
            "day": row.next_due_on.isoformat(),
        }
    if row.next_due_on == today:
        return _("due today")
    return _("due %(day)s") % {"day": row.next_due_on.isoformat()}
