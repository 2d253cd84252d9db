"""Quarter boundaries are Beijing time, whatever the server's clock or UTC say."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from programme.quarters import CITY_TZ, Quarter

UTC = dt.UTC


def test_last_evening_of_march_in_beijing_is_still_the_first_quarter():
    # 31 March 23:30 Beijing is 15:30 UTC the same day; 1 April 00:30 Beijing is 31 March UTC.
    assert Quarter.of(dt.datetime(2026, 3, 31, 23, 30, tzinfo=CITY_TZ)) == Quarter(2026, 1)
    assert Quarter.of(dt.datetime(2026, 3, 31, 16, 30, tzinfo=UTC)) == Quarter(2026, 2)


def test_new_year_in_beijing_comes_eight_hours_before_utc():
    moment = dt.datetime(2025, 12, 31, 17, 0, tzinfo=UTC)  # 01:00 on 1 January in Beijing
    assert Quarter.of(moment) == Quarter(2026, 1)
    assert Quarter.of(moment.astimezone(ZoneInfo("America/New_York"))) == Quarter(2026, 1)


def test_boundaries_are_beijing_midnights_and_end_is_exclusive():
    q = Quarter(2026, 4)
    assert q.start == dt.datetime(2026, 10, 1, tzinfo=CITY_TZ)
    assert q.end == dt.datetime(2027, 1, 1, tzinfo=CITY_TZ)
    assert q.start.astimezone(UTC) == dt.datetime(2026, 9, 30, 16, 0, tzinfo=UTC)
    assert q.contains(q.start)
    assert not q.contains(q.end)
    assert q.last_day == dt.date(2026, 12, 31)


def test_quarters_step_across_years():
    assert Quarter(2026, 4).next() == Quarter(2027, 1)
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)
    assert Quarter(2024, 1).last_day == dt.date(2024, 3, 31)


def test_a_fifth_quarter_is_refused():
    with pytest.raises(ValueError):
        Quarter(2026, 5)


def test_label_is_chinese(settings):
    from django.utils import translation

    with translation.override("zh-hans"):
        assert Quarter(2026, 3).label() == "2026年第3季度"
