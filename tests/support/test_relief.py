"""The relief fund: two different people decide, money never above what was approved or what the
fund holds, payments stop on the 18th birthday (city time), on a closed case or an ended
placement, and every step is in the audit log and on the case timeline."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from protection.models import Case, CaseNote
from support import relief
from support.models import Placement, ReliefApplication, ReliefPayment
from support.models.common import city_today

from .conftest import aged, application

S = ReliefApplication.Status


def approved(world, amount="1000.00", **kwargs):
    item = application(world, amount=amount, **kwargs)
    relief.review(item, world.city, recommend=True, comment="测试·材料齐全")
    return relief.decide(item, world.city2, approve=True, amount=Decimal(amount))


# --- the two-person rule -----------------------------------------------------------------------


def test_the_applicant_cannot_review_their_own_application(world):
    item = application(world, applicant=world.township)
    with pytest.raises(ValidationError, match="另一位同事审核"):
        relief.review(item, world.township, recommend=True)
    item.refresh_from_db()
    assert item.status == S.SUBMITTED and item.reviewer is None


def test_the_reviewer_cannot_also_approve(world):
    item = application(world)
    relief.review(item, world.city, recommend=True)
    with pytest.raises(ValidationError, match="审批人"):
        relief.decide(item, world.city, approve=True)
    item.refresh_from_db()
    assert item.status == S.REVIEWED and item.approver is None


def test_the_applicant_cannot_approve(world):
    item = application(world, applicant=world.city)
    relief.review(item, world.city2, recommend=True)
    with pytest.raises(ValidationError, match="审批人"):
        relief.decide(item, world.city, approve=True)


def test_two_different_users_review_and_approve(world):
    item = approved(world, amount="800.00")
    assert item.status == S.APPROVED
    assert item.approved_amount == Decimal("800.00")
    assert {item.applicant, item.reviewer, item.approver} == {
        world.township,
        world.city,
        world.city2,
    }


def test_township_staff_may_review_but_not_approve(world):
    item = application(world, applicant=world.township)
    relief.review(item, world.township2, recommend=True)
    with pytest.raises(PermissionDenied):
        relief.decide(item, world.township, approve=True)


def test_the_step_page_shows_the_refusal_in_chinese_and_keeps_the_comment(client, world):
    item = application(world, applicant=world.city)
    client.force_login(world.city)
    url = reverse("support_relief_step", args=[item.pk, "review"])
    response = client.post(url, {"decision": "recommend", "comment": "测试·我自己的意见"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "另一位同事审核" in html and "测试·我自己的意见" in html
    item.refresh_from_db()
    assert item.status == S.SUBMITTED


def test_the_inspect_page_offers_no_review_to_the_applicant(client, world):
    item = application(world, applicant=world.city)
    client.force_login(world.city)
    html = client.get(reverse("support_relief:inspect", args=[item.pk])).content.decode()
    assert reverse("support_relief_step", args=[item.pk, "review"]) not in html
    client.force_login(world.city2)
    html = client.get(reverse("support_relief:inspect", args=[item.pk])).content.decode()
    assert reverse("support_relief_step", args=[item.pk, "review"]) in html


def test_a_rejection_needs_a_reason(world):
    item = application(world)
    with pytest.raises(ValidationError):
        relief.review(item, world.city, recommend=False, comment="  ")
    relief.review(item, world.city, recommend=False, comment="测试·不符合条件")
    item.refresh_from_db()
    assert item.status == S.REJECTED


# --- money --------------------------------------------------------------------------------------


def test_payments_never_exceed_the_approved_amount(world):
    item = approved(world, amount="1000.00")
    relief.pay(item, world.city, city_today(), Decimal("600.00"))
    with pytest.raises(ValidationError, match=r"400\.00"):
        relief.pay(item, world.city, city_today(), Decimal("400.01"))
    relief.pay(item, world.city, city_today(), Decimal("400.00"))
    item.refresh_from_db()
    assert item.status == S.PAID and item.paid_total() == Decimal("1000.00")
    with pytest.raises(ValidationError):
        relief.pay(item, world.city, city_today(), Decimal("1.00"))


def test_the_fund_balance_is_budget_less_paid(world):
    first = approved(world, amount="3000.00")
    second = approved(world, amount="2000.00", case=world.case_b)
    relief.pay(first, world.city, city_today(), Decimal("1250.50"))
    relief.pay(second, world.city, city_today(), Decimal("2000.00"))
    world.fund.refresh_from_db()
    assert world.fund.paid() == Decimal("3250.50")
    assert world.fund.balance() == Decimal("6749.50")
    assert world.fund.committed() == Decimal("5000.00")


def test_approval_above_what_the_fund_has_left_is_refused(world):
    approved(world, amount="9000.00")
    item = application(world, case=world.case_b, amount="1500.00")
    relief.review(item, world.city, recommend=True)
    with pytest.raises(ValidationError, match=r"1000\.00"):
        relief.decide(item, world.city2, approve=True, amount=Decimal("1500.00"))
    relief.decide(item, world.city2, approve=True, amount=Decimal("1000.00"))


def test_approval_above_the_amount_requested_is_refused(world):
    item = application(world, amount="500.00")
    relief.review(item, world.city, recommend=True)
    with pytest.raises(ValidationError, match=r"500\.00"):
        relief.decide(item, world.city2, approve=True, amount=Decimal("500.01"))


# --- when payments stop ----------------------------------------------------------------------


def _minor_turning_18_in(world, days):
    minor = world.case_a.minor
    minor.birth_date = aged(18, days=-days)
    minor.save()
    return minor


def test_the_day_before_the_18th_birthday_payment_is_proposed_and_accepted(world):
    _minor_turning_18_in(world, days=1)
    item = approved(world)
    due = relief.payments_due(ReliefApplication.objects.all())
    assert due == [item]
    relief.pay(item, world.city, city_today(), Decimal("100.00"))


def test_on_the_18th_birthday_payment_is_neither_proposed_nor_accepted(world):
    item = approved(world)
    _minor_turning_18_in(world, days=0)
    assert relief.payments_due(ReliefApplication.objects.all()) == []
    with pytest.raises(ValidationError, match="已满18周岁"):
        relief.pay(item, world.city, city_today(), Decimal("100.00"))
    assert not ReliefPayment.objects.exists()


def test_the_birthday_begins_at_midnight_in_the_city_not_in_utc(world, monkeypatch):
    """15:30 UTC is 23:30 in Shanghai, still the day before; 16:30 UTC is already the birthday."""
    item = approved(world)
    world.case_a.minor.birth_date = datetime.date(2008, 6, 15)
    world.case_a.minor.save()
    eve = datetime.datetime(2026, 6, 14, 15, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(timezone, "now", lambda: eve)
    assert relief.payments_due(ReliefApplication.objects.all()) == [item]
    monkeypatch.setattr(timezone, "now", lambda: eve + datetime.timedelta(hours=1))
    assert relief.payments_due(ReliefApplication.objects.all()) == []


def test_a_closed_case_stops_payment(world):
    item = approved(world)
    Case.objects.filter(pk=world.case_a.pk).update(status=Case.Status.CLOSED)
    assert relief.payments_due(ReliefApplication.objects.all()) == []
    with pytest.raises(ValidationError, match="已结案"):
        relief.pay(item, world.city, city_today(), Decimal("100.00"))


def test_an_ended_placement_stops_payment(world):
    placement = Placement.objects.create(
        case=world.case_a,
        kind=Placement.Kind.FAMILY_FOSTER,
        place="测试·寄养家庭",
        start=city_today() - datetime.timedelta(days=90),
    )
    item = approved(world, placement=placement)
    assert relief.payments_due(ReliefApplication.objects.all()) == [item]
    placement.actual_end = city_today()
    placement.end_reason = "测试·回家"
    placement.save()
    assert relief.payments_due(ReliefApplication.objects.all()) == []
    with pytest.raises(ValidationError, match="安置"):
        relief.pay(item, world.city, city_today(), Decimal("100.00"))


def test_a_new_application_for_a_minor_who_has_turned_18_is_refused(client, world):
    _minor_turning_18_in(world, days=0)
    client.force_login(world.township)
    response = client.post(
        reverse("support_relief:add"),
        {
            "fund": world.fund.pk,
            "case": world.case_a.pk,
            "placement": "",
            "reason": "测试",
            "amount": "100.00",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
            "documents-MIN_NUM_FORMS": "0",
            "documents-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert "已满18周岁" in response.content.decode()
    assert not ReliefApplication.objects.exists()


# --- every step on record ----------------------------------------------------------------------


def test_every_step_is_in_the_audit_log_and_on_the_case_timeline(world):
    item = application(world)
    relief.submitted(item, world.township)
    relief.review(item, world.city, recommend=True, comment="测试·同意")
    relief.decide(item, world.city2, approve=True, amount=Decimal("1000.00"))
    relief.pay(item, world.city, city_today(), Decimal("1000.00"), voucher="PZ-001")
    actions = list(
        ModelLogEntry.objects.for_instance(item).order_by("timestamp").values_list("action", "user")
    )
    assert actions == [
        ("support.relief.submitted", world.township.pk),
        ("support.relief.reviewed", world.city.pk),
        ("support.relief.approved", world.city2.pk),
        ("support.relief.paid", world.city.pk),
    ]
    notes = list(CaseNote.objects.filter(case=world.case_a).order_by("created_at", "pk"))
    assert [n.author for n in notes] == [world.township, world.city, world.city2, world.city]
    assert "PZ-001" in notes[-1].text


def test_a_payment_through_the_admin_form(client, world):
    item = approved(world)
    client.force_login(world.city)
    response = client.post(
        reverse("support_relief_step", args=[item.pk, "pay"]),
        {"paid_on": city_today().isoformat(), "amount": "250.00", "voucher": "PZ-9"},
    )
    assert response.status_code == 302
    assert ReliefPayment.objects.get().amount == Decimal("250.00")
    html = client.get(reverse("support_payments_due:index")).content.decode()
    assert "750.00" in html


# --- what the fund still holds back -------------------------------------------------------------


def test_money_that_can_no_longer_be_paid_is_free_to_approve_again(world):
    """8,000 approved for a child who then turns 18 after 3,000 was paid: the 5,000 never to be
    paid no longer holds the budget, so another child may be given 6,000 of the 10,000."""
    first = approved(world, amount="8000.00")
    relief.pay(first, world.city, city_today(), Decimal("3000.00"))
    item = application(world, case=world.case_b, amount="6000.00")
    relief.review(item, world.city, recommend=True)
    with pytest.raises(ValidationError, match=r"2000\.00"):
        relief.decide(item, world.city2, approve=True, amount=Decimal("6000.00"))

    _minor_turning_18_in(world, days=0)
    world.fund.refresh_from_db()
    assert world.fund.reserved() == Decimal("3000.00")
    assert world.fund.uncommitted() == Decimal("7000.00")
    assert world.fund.committed() == Decimal("8000.00")  # what was approved stays on record
    relief.decide(item, world.city2, approve=True, amount=Decimal("6000.00"))


def test_the_budget_cannot_fall_below_what_is_paid_or_still_to_be_paid(world):
    approved(world, amount="4000.00")
    world.fund.budget = Decimal("3999.99")
    with pytest.raises(ValidationError, match=r"4000\.00"):
        world.fund.full_clean()
