"""Quarters as the leading-group office counts them: calendar quarters in Asia/Shanghai.

A report filed at 23:30 on 31 March in Xingyang belongs to the first quarter even though it is
already April in UTC; every boundary here is computed in the city's own time zone, whatever the
server's clock says."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

CITY_TZ = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1 … 4

    def __post_init__(self):
        if self.number not in (1, 2, 3, 4):
            raise ValueError(f"quarter must be 1-4, not {self.number}")

    @classmethod
    def of(cls, moment: dt.datetime | dt.date | None = None) -> Quarter:
        """The quarter a moment (aware datetime, date, or now) falls in, in the city's time."""
        if moment is None:
            moment = timezone.now()
        if isinstance(moment, dt.datetime):
            moment = moment.astimezone(CITY_TZ).date()
        return cls(moment.year, (moment.month - 1) // 3 + 1)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def last_day(self) -> dt.date:
        return self.next().first_day - dt.timedelta(days=1)

    @property
    def start(self) -> dt.datetime:
        """The first instant of the quarter (inclusive), aware, in the city's time zone."""
        return dt.datetime.combine(self.first_day, dt.time.min, tzinfo=CITY_TZ)

    @property
    def end(self) -> dt.datetime:
        """The first instant after the quarter (exclusive): filter with `__gte=start, __lt=end`."""
        return self.next().start

    def next(self) -> Quarter:
        return (
            Quarter(self.year + 1, 1) if self.number == 4 else Quarter(self.year, self.number + 1)
        )

    def previous(self) -> Quarter:
        return (
            Quarter(self.year - 1, 4) if self.number == 1 else Quarter(self.year, self.number - 1)
        )

    def contains(self, moment: dt.datetime) -> bool:
        return self.start <= moment < self.end

    def label(self) -> str:
        return _("%(year)s Q%(number)s") % {"year": self.year, "number": self.number}

    __str__ = label
