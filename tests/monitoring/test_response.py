"""Rapid response (五(三)): the deadline per response level and risk, the time to the first visit
or contact, and the breach, on both sides of the deadline; the breach list by scope."""

import datetime

import pytest
from django.urls import reverse

from monitoring import response
from monitoring.clock import day_start
from monitoring.models import CaseMonitoring, HomeVisit, ResponseRule
from tests.protection.factories import CaseFactory, IntakeFactory

from .conftest import OPENED, row, visit

START = day_start(OPENED)  # a case entered without a report starts its clock at 00:00


def test_the_deadline_comes_from_the_rule_table(opened, response_rule):
    assert row(opened.case_a).reported_at == START
    assert row(opened.case_a).response_deadline == START + datetime.timedelta(hours=24)
    response_rule.hours = 12
    response_rule.save()
    assert row(opened.case_a).response_deadline == START + datetime.timedelta(hours=12)


def test_no_rule_no_deadline_and_no_breach(opened):
    assert row(opened.case_a).response_deadline is None
    assert not row(opened.case_a).is_breached()


@pytest.mark.parametrize(
    ("day", "time", "breached"),
    [
        (OPENED + datetime.timedelta(days=1), datetime.time(0, 0), False),  # exactly 24 h
        (OPENED + datetime.timedelta(days=1), datetime.time(0, 1), True),  # one minute late
        (OPENED, None, False),  # the same day without a time: counted at 23:59:59
        (OPENED + datetime.timedelta(days=1), None, True),  # next day without a time: late
    ],
)
def test_the_breach_on_both_sides_of_the_deadline(opened, response_rule, day, time, breached):
    visit(opened.case_a, day, visited_time=time)
    state = row(opened.case_a)
    assert state.is_breached() is breached
    assert (state in response.breaches(CaseMonitoring.objects.all())) is breached


def test_a_phone_call_is_a_first_response(opened, response_rule):
    visit(opened.case_a, OPENED, visited_time=datetime.time(15, 0), mode=HomeVisit.Mode.PHONE)
    state = row(opened.case_a)
    assert state.response_time() == datetime.timedelta(hours=15)
    assert not state.is_breached()


def test_no_response_is_a_breach_once_the_deadline_has_passed(opened, response_rule):
    state = row(opened.case_a)
    deadline = state.response_deadline
    assert not state.is_breached(now=deadline)
    assert state.is_breached(now=deadline + datetime.timedelta(seconds=1))
    rows = CaseMonitoring.objects.filter(pk=state.pk)
    assert not response.breaches(rows, now=deadline).exists()
    assert response.breaches(rows, now=deadline + datetime.timedelta(seconds=1)).exists()


def test_a_public_report_starts_the_clock_when_it_arrived(world, response_rule):
    received = datetime.datetime(2026, 10, 1, 21, 30, tzinfo=datetime.UTC)
    report = IntakeFactory(township=world.township_a)
    type(report).objects.filter(pk=report.pk).update(received_at=received)
    case = CaseFactory(
        minor=world.minor_a,
        opened_on=OPENED,
        intake_report=report,
        risk_level="high",
        response_level="village",
    )
    assert row(case).reported_at == received
    assert row(case).response_deadline == received + datetime.timedelta(hours=24)
    # 21:30 UTC is 05:30 on 2 October in Xingyang: a visit at 05:00 came before the report
    visit(case, datetime.date(2026, 10, 2), visited_time=datetime.time(5, 0))
    assert row(case).first_response_at is None
    visit(case, datetime.date(2026, 10, 3), visited_time=datetime.time(6, 0))
    assert row(case).response_time() == datetime.timedelta(hours=24, minutes=30)
    assert row(case).is_breached()


@pytest.mark.parametrize(("role", "sees_b"), [("city", True), ("township", False)])
def test_the_city_office_sees_every_breach_others_their_own(
    client, opened, response_rule, role, sees_b
):
    client.force_login(opened.users[role])
    html = client.get(reverse("monitoring_due:list") + "?due=breach").content.decode()
    # nobody answered within 24 h of 1 October
    assert opened.case_a.reference in html
    assert (opened.case_b.reference in html) is sees_b


def test_the_response_rule_table_refuses_a_second_rule_for_the_same_levels(
    admin_client, response_rule
):
    page = admin_client.post(
        reverse("monitoring_response_rules:add"),
        {"response_level": "village", "risk_level": "high", "hours": 6},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert page.status_code == 200
    assert ResponseRule.objects.count() == 1
