"""The e-mail digest per worker: overdue and due within seven days, in Chinese, with the case
number and village but never the minor; once per day (or week) however often cron runs it."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command

from monitoring.tasks import send_visit_digest

from .conftest import visit

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture
def assigned(opened, high_risk_rule):
    worker = opened.users["township"]
    for case in (opened.case_a, opened.case_a2):
        case.assigned_worker = worker
        case.save()
    visit(opened.case_a, datetime.date(2026, 11, 1))  # due 15 November: 5 days overdue
    visit(opened.case_a2, datetime.date(2026, 11, 10))  # due 24 November: within 7 days
    return worker


def test_the_digest_lists_overdue_and_soon_due_visits(assigned, opened):
    sent = send_visit_digest.enqueue(day=TODAY.isoformat()).return_value
    assert sent == 1
    message = mail.outbox[0]
    assert message.to == [assigned.email]
    assert "逾期" in message.subject
    body = message.body
    overdue, soon = body.index(opened.case_a.reference), body.index(opened.case_a2.reference)
    assert overdue < soon  # overdue first
    assert "逾期 5 天" in body[overdue : body.index("\n", overdue)]
    assert "2026-11-24" in body
    assert opened.minor_a.name not in body and opened.minor_a2.name not in body
    assert opened.case_b.reference not in body  # not assigned to this worker


def test_the_digest_goes_once_a_day_and_once_a_week(assigned):
    send_visit_digest.enqueue(day=TODAY.isoformat())
    send_visit_digest.enqueue(day=TODAY.isoformat())
    assert len(mail.outbox) == 1
    send_visit_digest.enqueue(day=(TODAY + datetime.timedelta(days=1)).isoformat())
    assert len(mail.outbox) == 2
    send_visit_digest.enqueue(period="weekly", day=TODAY.isoformat())
    send_visit_digest.enqueue(period="weekly", day=(TODAY + datetime.timedelta(days=1)).isoformat())
    assert len(mail.outbox) == 3  # 20 and 21 November 2026 are in the same ISO week


def test_nothing_due_no_mail(opened, high_risk_rule):
    opened.case_a.assigned_worker = opened.users["township"]
    opened.case_a.save()
    visit(opened.case_a, TODAY)
    assert send_visit_digest.enqueue(day=TODAY.isoformat()).return_value == 0
    assert mail.outbox == []


def test_a_worker_moved_elsewhere_hears_only_of_cases_in_their_jurisdiction(opened, high_risk_rule):
    worker = opened.users["village"]  # village A only
    for case in (opened.case_a, opened.case_b):
        case.assigned_worker = worker
        case.save()
    send_visit_digest.enqueue(day=TODAY.isoformat())
    assert opened.case_a.reference in mail.outbox[0].body
    assert opened.case_b.reference not in mail.outbox[0].body


def test_the_command_for_cron(assigned):
    out = io.StringIO()
    call_command("monitoring_digest", "--period", "weekly", "--day", TODAY.isoformat(), stdout=out)
    assert "queued" in out.getvalue()
    assert len(mail.outbox) == 1
