"""What programme management takes from referrals: the quarterly report's figures "referrals
received" and "referrals answered in time", and overdue referrals on a joint meeting's agenda."""

import datetime as dt
from decimal import Decimal

from casework import referrals
from programme import figures
from programme.models import ReportingUnit
from programme.quarters import Quarter

from .conftest import SHANGHAI, city_time
from .factories import ReferralFactory


def _sent(world, department, day, due):
    referral = ReferralFactory(
        case=world.case_a,
        department=department,
        due_date=due,
        access_until=due + dt.timedelta(days=30),
        sent_at=dt.datetime(day.year, day.month, day.day, 9, tzinfo=SHANGHAI),
    )
    return referral


def test_received_and_answered_in_time_per_unit_and_quarter(world):
    unit = ReportingUnit.objects.create(name="测试公安局", department=world.police)
    other = ReportingUnit.objects.create(name="测试教体局", department=world.education)
    liaison = world.users["police"]
    on_time = _sent(world, world.police, dt.date(2026, 3, 2), due=dt.date(2026, 3, 10))
    late = _sent(world, world.police, dt.date(2026, 3, 3), due=dt.date(2026, 3, 10))
    unanswered = _sent(world, world.police, dt.date(2026, 3, 31), due=dt.date(2026, 4, 10))
    _sent(world, world.police, dt.date(2026, 4, 1), due=dt.date(2026, 4, 10))  # next quarter
    with city_time(2026, 3, 10, 23, 30):  # the due day itself, late evening in Beijing
        referrals.apply(on_time, "accept", liaison)
    with city_time(2026, 3, 11, 0, 30):  # the day after, though still 10 March in UTC
        referrals.apply(late, "reject", liaison, "不属于本部门职责")
    q1 = Quarter(2026, 1)
    assert figures.referrals_received(unit, q1) == Decimal(3)
    assert figures.referrals_answered(unit, q1) == Decimal(1)
    assert figures.referrals_received(other, q1) == Decimal(0)
    assert unanswered.status == "sent"
    assert figures.referrals_received(unit, Quarter(2026, 2)) == Decimal(1)


def test_overdue_referrals_are_agenda_candidates_without_the_minor(world):
    late = ReferralFactory(
        case=world.case_a, department=world.police, due_date=dt.date.today() - dt.timedelta(days=1)
    )
    ReferralFactory(case=world.case_a, department=world.education)  # not yet due
    found = [c for c in figures._case_candidates() if c.source.startswith("casework.")]
    assert [c.source for c in found] == [f"casework.referral:{late.pk}"]
    assert late.reference in found[0].title and world.case_a.reference in found[0].title
    assert world.minor_a.name not in found[0].title + found[0].details
    referrals.apply(late, "accept", world.users["police"])
    referrals.apply(late, "complete", world.users["police"], "已办结")
    assert not [c for c in figures._case_candidates() if c.source.startswith("casework.")]


def test_referral_response_counts_answers_by_the_due_date_and_misses_only_once_due(world):
    unit = ReportingUnit.objects.create(name="测试公安局", department=world.police)
    liaison = world.users["police"]
    on_time = _sent(world, world.police, dt.date(2026, 3, 2), due=dt.date(2026, 3, 10))
    _sent(world, world.police, dt.date(2026, 3, 3), due=dt.date(2026, 3, 10))  # never answered
    revoked = _sent(world, world.police, dt.date(2026, 3, 4), due=dt.date(2026, 3, 20))
    _sent(world, world.police, dt.date(2026, 12, 1), due=dt.date(2026, 12, 20))  # not yet due
    with city_time(2026, 3, 9, 10, 0):
        referrals.apply(on_time, "accept", liaison)
        referrals.apply(revoked, "revoke", world.users["township"], "家长已配合")
    # answered 1 of 2 due (the revoked one and the one not yet due do not count)
    assert figures.referral_response(unit, 2026, today=dt.date(2026, 12, 5)) == Decimal(1) / 2
    assert figures.referral_response(unit, 2025, today=dt.date(2026, 12, 5)) is None
