"""A visit recorded without a time counts at the end of its day in the city (23:59:59,
Asia/Shanghai), as monitoring.clock.moment and the visit form's help say: a missing time never
makes a response look faster than it was, so the doubt goes to the child, not to the clock. On
the boundary: a report at 09:00 with a 12-hour deadline (21:00 in the city, 13:00 UTC)."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone

from monitoring.models import ResponseRule
from tests.protection.factories import CaseFactory, IntakeFactory

from .conftest import row, visit

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
DAY = datetime.date(2026, 10, 1)
RECEIVED = datetime.datetime(2026, 10, 1, 1, 0, tzinfo=datetime.UTC)  # 09:00 in the city


@pytest.fixture
def case(world):
    ResponseRule.objects.create(response_level="village", risk_level="high", hours=12)
    report = IntakeFactory(township=world.township_a)
    type(report).objects.filter(pk=report.pk).update(received_at=RECEIVED)
    return CaseFactory(
        minor=world.minor_a,
        opened_on=DAY,
        intake_report=report,
        risk_level="high",
        response_level="village",
    )


@pytest.mark.parametrize(
    ("time", "breached"),
    [
        (datetime.time(21, 0), False),  # on the deadline, in the city's time
        (datetime.time(21, 1), True),
        (None, True),  # the same day, time unknown: 23:59:59, after the 21:00 deadline
    ],
)
def test_a_visit_without_a_time_counts_at_the_end_of_the_citys_day(case, time, breached):
    with timezone.override("UTC"):  # whatever zone the admin shows, the city's day counts
        visit(case, DAY, visited_time=time)
        state = row(case)
    assert state.response_deadline == RECEIVED + datetime.timedelta(hours=12)
    assert state.is_breached() is breached


def test_the_unknown_time_is_the_last_second_of_the_citys_day(case):
    visit(case, DAY)
    counted = timezone.localtime(row(case).first_response_at, SHANGHAI)
    assert (counted.date(), counted.time()) == (DAY, datetime.time(23, 59, 59))
