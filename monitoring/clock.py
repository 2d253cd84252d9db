"""Days and moments in the city's time (Asia/Shanghai, settings.TIME_ZONE), whatever time zone
the admin has activated for the user: a visit due today is not overdue in Xingyang until the
day has passed in Xingyang."""

import datetime

from lantian.clock import city_today, city_tz  # noqa: F401 (city_today: the app reads it here)


def day_start(day):
    """00:00 of a day in the city."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=city_tz())


def day_end(day):
    """The last second of a day in the city."""
    return datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=city_tz())


def moment(day, time=None):
    """A day and an optional time of day in the city; the end of the day when the time is not
    known, so that a missing time never makes a response look faster than it was."""
    if time is None:
        return day_end(day)
    return datetime.datetime.combine(day, time, tzinfo=city_tz())
