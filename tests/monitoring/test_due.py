"""Next visit due: counted from the last visit by the rule's role, kept current on every visit,
rule and case change; overdue is decided on the city's calendar (Asia/Shanghai)."""

import datetime

from django.urls import reverse

from monitoring import due
from monitoring.clock import city_today
from monitoring.models import CaseMonitoring, HomeVisit, VisitRule
from protection import lifecycle
from tests.protection.factories import CategoryFactory

from .conftest import OPENED, row, visit

UTC = datetime.UTC


def test_a_new_case_is_due_one_interval_after_its_opening(opened, high_risk_rule):
    assert row(opened.case_a).next_due_on == OPENED + datetime.timedelta(days=14)
    assert row(opened.case_a).due_rule == high_risk_rule


def test_a_visit_moves_the_due_date_and_deleting_it_moves_it_back(opened, high_risk_rule):
    first = visit(opened.case_a, datetime.date(2026, 10, 10))
    assert row(opened.case_a).next_due_on == datetime.date(2026, 10, 24)
    assert row(opened.case_a).last_visit_on == datetime.date(2026, 10, 10)
    first.delete()
    assert row(opened.case_a).next_due_on == datetime.date(2026, 10, 15)
    assert row(opened.case_a).last_visit_on is None


def test_due_today_is_not_overdue_due_yesterday_is(opened, high_risk_rule):
    visit(opened.case_a, datetime.date(2026, 11, 1))  # due 15 November
    rows = CaseMonitoring.objects.all()
    assert opened.case_a.monitoring not in due.overdue(rows, datetime.date(2026, 11, 15))
    assert opened.case_a.monitoring in due.due_soon(rows, datetime.date(2026, 11, 15))
    assert opened.case_a.monitoring in due.overdue(rows, datetime.date(2026, 11, 16))


def test_the_boundary_is_midnight_in_shanghai_not_in_utc(opened, high_risk_rule):
    visit(opened.case_a, datetime.date(2026, 11, 1))  # due 15 November
    rows = CaseMonitoring.objects.all()
    # 15:59 UTC on the 15th is 23:59 in Xingyang: still the due day
    still_due_day = city_today(datetime.datetime(2026, 11, 15, 15, 59, tzinfo=UTC))
    assert opened.case_a.monitoring not in due.overdue(rows, still_due_day)
    # 16:00 UTC on the 15th is already the 16th in Xingyang, though UTC says the 15th
    next_day = city_today(datetime.datetime(2026, 11, 15, 16, 0, tzinfo=UTC))
    assert next_day == datetime.date(2026, 11, 16)
    assert opened.case_a.monitoring in due.overdue(rows, next_day)


def test_the_overdue_list_follows_the_clock_of_the_city(client, opened, high_risk_rule, settings):
    """The admin's list, with the server clock set just before and just after midnight in
    Xingyang (16:00 UTC), whatever time zone the user's account uses."""
    import django.utils.timezone as tz

    visit(opened.case_a, datetime.date(2026, 11, 1))
    visit(opened.case_a2, datetime.date(2026, 11, 10))
    user = opened.users["township"]
    client.force_login(user)
    url = reverse("monitoring_due:list") + "?due=overdue"
    real_now = tz.now
    try:
        tz.now = lambda: datetime.datetime(2026, 11, 15, 15, 59, tzinfo=UTC)
        html = client.get(url).content.decode()
        assert opened.case_a.reference not in html
        tz.now = lambda: datetime.datetime(2026, 11, 15, 16, 0, tzinfo=UTC)
        html = client.get(url).content.decode()
        assert opened.case_a.reference in html
        assert opened.case_a2.reference not in html  # due on the 24th
    finally:
        tz.now = real_now


def test_editing_a_rule_moves_every_due_date(opened, high_risk_rule):
    visit(opened.case_a, datetime.date(2026, 11, 1))
    high_risk_rule.interval_days = 7
    high_risk_rule.save()
    assert row(opened.case_a).next_due_on == datetime.date(2026, 11, 8)
    assert row(opened.case_b).next_due_on == OPENED + datetime.timedelta(days=7)
    high_risk_rule.active = False
    high_risk_rule.save()
    assert row(opened.case_a).next_due_on is None
    VisitRule.objects.create(name="每月", interval_days=30)
    assert row(opened.case_a).next_due_on == datetime.date(2026, 12, 1)


def test_a_role_rule_counts_only_that_roles_visits_and_the_earliest_obligation_wins(opened):
    VisitRule.objects.create(name="网格员每60天", visitor_role="grid_worker", interval_days=60)
    leader = VisitRule.objects.create(
        name="网格长每月回访", visitor_role="grid_leader", interval_days=30
    )
    visit(opened.case_a, datetime.date(2026, 10, 20), visitor_role="grid_worker")
    # the grid worker's visit does not answer the grid leader's monthly revisit
    assert row(opened.case_a).next_due_on == datetime.date(2026, 10, 31)
    assert row(opened.case_a).due_rule == leader
    visit(opened.case_a, datetime.date(2026, 10, 25), visitor_role="grid_leader")
    assert row(opened.case_a).next_due_on == datetime.date(2026, 11, 24)


def test_a_phone_call_is_not_a_home_visit(opened, high_risk_rule):
    visit(opened.case_a, datetime.date(2026, 11, 1), mode=HomeVisit.Mode.PHONE)
    assert row(opened.case_a).next_due_on == datetime.date(2026, 10, 15)


def test_a_category_rule_applies_only_to_cases_in_that_category(opened):
    category = CategoryFactory(name="监护缺失")
    VisitRule.objects.create(name="监护缺失每周", category=category, interval_days=7)
    assert row(opened.case_a).next_due_on is None
    opened.case_a.categories.set([category])
    opened.case_a.save()  # as the admin form does: categories written with the case
    assert row(opened.case_a).next_due_on == OPENED + datetime.timedelta(days=7)
    assert row(opened.case_b).next_due_on is None


def test_a_closed_case_is_due_nothing(opened, high_risk_rule):
    lifecycle.apply(opened.case_a, "close", opened.users["city"], "监护已恢复")
    assert row(opened.case_a).next_due_on is None
    assert not row(opened.case_a).is_open


def test_a_minor_who_moves_takes_the_case_to_the_new_village(opened, high_risk_rule):
    minor = opened.case_a.minor
    minor.village = opened.village_b
    minor.township = opened.village_b.township
    minor.save()
    assert row(opened.case_a).village == opened.village_b
    assert row(opened.case_a).township == opened.township_b


def test_refresh_all_repairs_rows_changed_behind_its_back(opened, high_risk_rule):
    CaseMonitoring.objects.update(next_due_on=None)
    assert due.refresh_all() == 3
    assert row(opened.case_b).next_due_on == OPENED + datetime.timedelta(days=14)
