"""The admin calendar's grid: a month (whole weeks, Monday first, as Chinese calendars print)
or one week, each day with its sessions, in Beijing time."""

import calendar as pycalendar
import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from .models import TrainingSession


@dataclass
class Day:
    date: dt.date
    in_period: bool
    is_today: bool
    sessions: list = field(default_factory=list)


def period(mode, anchor):
    """First and last day shown, and the anchors of the previous and next periods."""
    if mode == "week":
        first = anchor - dt.timedelta(days=anchor.weekday())
        last = first + dt.timedelta(days=6)
        return first, last, first - dt.timedelta(days=7), first + dt.timedelta(days=7)
    month_first = anchor.replace(day=1)
    days_in_month = pycalendar.monthrange(anchor.year, anchor.month)[1]
    month_last = month_first.replace(day=days_in_month)
    first = month_first - dt.timedelta(days=month_first.weekday())
    last = month_last + dt.timedelta(days=6 - month_last.weekday())
    previous = (month_first - dt.timedelta(days=1)).replace(day=1)
    following = month_last + dt.timedelta(days=1)
    return first, last, previous, following


def build(mode, anchor, sessions=None):
    """Weeks of Days for the period around `anchor`, filled from `sessions` (a queryset)."""
    first, last, previous, following = period(mode, anchor)
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(first, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    sessions = sessions if sessions is not None else TrainingSession.objects.all()
    found = sessions.filter(start__lt=end, end__gt=start).order_by("start")
    today = timezone.localdate()
    days = {}
    for offset in range((last - first).days + 1):
        date = first + dt.timedelta(days=offset)
        in_period = mode == "week" or date.month == anchor.month
        days[date] = Day(date, in_period, date == today)
    for session in found:
        days.setdefault(timezone.localdate(session.start), Day(first, False, False))
        days[timezone.localdate(session.start)].sessions.append(session)
    ordered = [days[first + dt.timedelta(days=n)] for n in range((last - first).days + 1)]
    weeks = [ordered[n : n + 7] for n in range(0, len(ordered), 7)]
    return {"weeks": weeks, "first": first, "last": last, "previous": previous, "next": following}
