"""The quarterly report's relief figure: money paid in the quarter to the unit's cases."""

import datetime as dt
from decimal import Decimal

from programme import figures
from programme.models import ReportingUnit
from programme.quarters import Quarter
from protection.models import Department
from support.models import ReliefPayment

from .conftest import application


def _pay(item, day, amount):
    ReliefPayment.objects.create(application=item, paid_on=day, amount=Decimal(amount))


def test_relief_paid_sums_the_townships_payments_in_the_quarter(world):
    duties, _ = Department.objects.get_or_create(
        name="各乡镇(街道)", defaults={"level": "township"}
    )
    unit = ReportingUnit.objects.create(
        name=world.township_a.name, township=world.township_a, department=duties
    )
    mine, theirs = application(world), application(world, case=world.case_b)
    _pay(mine, dt.date(2026, 7, 1), "100.10")
    _pay(mine, dt.date(2026, 9, 30), "200.20")
    _pay(mine, dt.date(2026, 10, 1), "999.00")  # next quarter
    _pay(theirs, dt.date(2026, 8, 1), "555.00")  # another township
    assert figures.relief_paid(unit, Quarter(2026, 3)) == Decimal("300.30")
    assert figures.relief_paid(unit, Quarter(2026, 2)) == Decimal("0.00")
