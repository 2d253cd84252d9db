"""The case is the hub of its case work: its page lists the case's referrals, interventions,
placements, relief applications and visits, each with its status and a link, each only to a
user who may see it. A department liaison never gets the case page, and of the case work sees
only the referrals addressed to their department."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from monitoring.models import HomeVisit
from protection.views.case_work import VISITS_SHOWN, case_work
from support.models import Placement, ReliefApplication, ReliefFund
from support.models.common import city_today

from .factories import InterventionFactory, ReferralFactory


@pytest.fixture
def work(world):
    """Case A with one record of each kind (two referrals, to the police and to education), and
    a referral of case B that must never show on case A's page."""
    today = city_today()
    fund = ReliefFund.objects.create(year=today.year, budget=Decimal("10000.00"))
    return {
        "police": ReferralFactory(case=world.case_a, department=world.police),
        "education": ReferralFactory(case=world.case_a, department=world.education),
        "intervention": InterventionFactory(case=world.case_a),
        "placement": Placement.objects.create(
            case=world.case_a, kind="kinship", place="测试·外祖父母家", start=today
        ),
        "relief": ReliefApplication.objects.create(
            fund=fund, case=world.case_a, reason="测试·医疗", amount=Decimal("800.00")
        ),
        "visit": HomeVisit.objects.create(
            case=world.case_a, visited_on=today, findings="测试·走访", kind="random"
        ),
        "other_case": ReferralFactory(case=world.case_b, department=world.police),
    }


def _inspect(namespace, record):
    return reverse(f"{namespace}:inspect", args=[record.pk])


def test_the_township_sees_every_kind_with_status_and_link(client, world, work):
    client.force_login(world.users["township"])
    response = client.get(reverse("protection_cases:inspect", args=[world.case_a.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "个案工作" in html
    for namespace, key in [
        ("casework_referrals", "police"),
        ("casework_referrals", "education"),
        ("casework_interventions", "intervention"),
        ("support_placements", "placement"),
        ("support_relief", "relief"),
        ("monitoring_visits", "visit"),
    ]:
        assert _inspect(namespace, work[key]) in html, key
    assert _inspect("casework_referrals", work["other_case"]) not in html
    assert "已发送,待接收" in html  # the referral's status, in Chinese
    assert "测试·外祖父母家" in html and "800.00" in html
    # The station may add case work from here, starting with this case.
    assert f"{reverse('casework_referrals:add')}?case={world.case_a.pk}" in html
    assert f"{reverse('monitoring_visits:add')}?case={world.case_a.pk}" in html


def test_a_village_supervisor_is_not_offered_what_they_may_not_do(client, world, work):
    client.force_login(world.users["village"])
    html = client.get(reverse("protection_cases:inspect", args=[world.case_a.pk])).content.decode()
    assert _inspect("casework_referrals", work["police"]) in html  # may view referrals
    assert f"{reverse('casework_referrals:add')}?case=" not in html  # but not send one


def test_the_liaison_gets_no_case_page_and_only_their_departments_referrals(client, world, work):
    police = world.users["police"]
    client.force_login(police)
    response = client.get(reverse("protection_cases:inspect", args=[world.case_a.pk]))
    assert response.status_code != 200
    assert _inspect("casework_referrals", work["police"]) not in response.content.decode()
    sections = case_work(world.case_a, police)
    assert [str(s["label"]) for s in sections] == ["转介"]
    urls = [item["url"] for item in sections[0]["items"]]
    assert urls == [_inspect("casework_referrals", work["police"])]  # not education's
    assert sections[0]["add_url"] is None


def test_a_township_outside_the_case_is_given_nothing(world, work):
    assert all(not s["items"] for s in case_work(world.case_a, world.users["township_b"]))


def test_only_the_latest_visits_are_listed_with_a_link_to_all(world, work):
    today = city_today()
    for days in range(1, VISITS_SHOWN + 1):
        HomeVisit.objects.create(
            case=world.case_a, visited_on=today - datetime.timedelta(days=days), findings="测试"
        )
    visits = case_work(world.case_a, world.users["township"])[-1]
    assert len(visits["items"]) == VISITS_SHOWN
    assert visits["items"][0]["url"] == _inspect("monitoring_visits", work["visit"])  # newest
    assert visits["more_url"] == reverse("monitoring_due:inspect", args=[world.case_a.pk])
