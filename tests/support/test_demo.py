"""The demo data: fictional, consistent with the rules, and a second load changes nothing."""

import io
from decimal import Decimal

from protection import demo as protection_demo
from support import demo
from support.models import Assistance, Placement, ReliefApplication, ReliefFund, ReliefPayment
from support.models.common import city_today


def _counts():
    return [
        m.objects.count()
        for m in (ReliefFund, Placement, ReliefApplication, ReliefPayment, Assistance)
    ]


def test_demo_load_is_fictional_consistent_and_idempotent(db):
    protection_demo.load(io.StringIO())
    demo.load(io.StringIO())
    first = _counts()
    demo.load(io.StringIO())
    assert _counts() == first
    fund = ReliefFund.objects.get(year=city_today().year)
    assert set(ReliefApplication.objects.values_list("status", flat=True)) == {
        "submitted",
        "reviewed",
        "approved",
        "paid",
    }
    assert fund.balance() == Decimal("500000.00") - Decimal("17000.00")
    assert all(p.place.startswith("示例·") for p in Placement.objects.all())
    assert all(p.minor.name.startswith("示例·") for p in Placement.objects.all())
    assert Placement.objects.filter(actual_end__isnull=True).count() == 1
    for application in ReliefApplication.objects.all():
        assert application.minor_id == application.case.minor_id
        assert application.paid_total() <= (application.approved_amount or 0)
        assert not application.stop_reasons(city_today())
    assert Assistance.objects.count() == 3
