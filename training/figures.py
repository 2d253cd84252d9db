"""Figures for the quarterly work report (七(二)): sessions held and people trained, per topic,
per township and per quarter of a year. People trained are registrations checked in at a
session marked held; a session on two topics counts under each."""

from django.db.models import Count
from django.db.models.functions import ExtractQuarter
from django.utils import timezone

from .models import Registration, TrainingSession

QUARTERS = (1, 2, 3, 4)


def _table(sessions, people, key):
    """{label: {"sessions": [q1..q4, total], "people": [q1..q4, total]}}, rows in label order."""
    rows = {}
    for source, measure in ((sessions, "sessions"), (people, "people")):
        for item in source:
            label = item[key] or "—"
            row = rows.setdefault(label, {"sessions": [0] * 5, "people": [0] * 5})
            row[measure][item["quarter"] - 1] = item["n"]
            row[measure][4] += item["n"]
    for row in rows.values():
        row["cells"] = list(zip(row["sessions"], row["people"], strict=True))
    return dict(sorted(rows.items()))


def for_year(year, sessions=None):
    zone = timezone.get_current_timezone()
    held = (sessions if sessions is not None else TrainingSession.objects.all()).filter(
        status=TrainingSession.Status.HELD, start__year=year
    )
    attended = Registration.objects.attended().filter(session__in=held)
    session_quarter = ExtractQuarter("start", tzinfo=zone)
    person_quarter = ExtractQuarter("session__start", tzinfo=zone)

    def sessions_by(key):
        return (
            held.annotate(quarter=session_quarter)
            .values(key, "quarter")
            .annotate(n=Count("id", distinct=True))
        )

    def people_by(key):
        return (
            attended.annotate(quarter=person_quarter)
            .values(key, "quarter")
            .annotate(n=Count("id", distinct=True))
        )

    totals_sessions = [0] * 5
    totals_people = [0] * 5
    for item in held.annotate(quarter=session_quarter).values("quarter").annotate(n=Count("id")):
        totals_sessions[item["quarter"] - 1] = item["n"]
    for item in attended.annotate(quarter=person_quarter).values("quarter").annotate(n=Count("id")):
        totals_people[item["quarter"] - 1] = item["n"]
    totals_sessions[4], totals_people[4] = sum(totals_sessions), sum(totals_people)
    return {
        "by_topic": _merge(
            sessions_by("topics__name"),
            people_by("session__topics__name"),
            "topics__name",
            "session__topics__name",
        ),
        "by_township": _merge(
            sessions_by("township__name"),
            people_by("session__township__name"),
            "township__name",
            "session__township__name",
        ),
        "totals": list(zip(totals_sessions, totals_people, strict=True)),
    }


def _merge(sessions, people, session_key, person_key):
    people = [{**item, session_key: item[person_key]} for item in people]
    return _table(sessions, people, session_key)
