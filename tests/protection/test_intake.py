"""The public report enters the intake queue: a receipt back, contacts encrypted, the right
staff told by mail without any detail of the report."""

import re

import pytest
from django.core import mail
from django.db import connection

from protection import roles
from protection.intake import receive_public_report
from protection.models import IntakeReport

from .factories import VillageFactory, staff


@pytest.fixture
def place(db):
    village = VillageFactory()
    other = VillageFactory()
    return village, other


def report(place_village, **extra):
    fields = {
        "township": place_village.township,
        "village": place_village,
        "what_happened": "孩子晚上一个人在家,测试事件",
        "reporter_kind": IntakeReport.ReporterKind.NEIGHBOUR,
        "reporter_name": "测试·报告人",
        "reporter_phone": "0371-99998888",
    }
    fields.update(extra)
    return receive_public_report(**fields)


def test_receipt_is_unguessable_and_unique(place, django_capture_on_commit_callbacks):
    village, _ = place
    with django_capture_on_commit_callbacks(execute=True):
        receipts = {report(village) for _ in range(5)}
    assert len(receipts) == 5
    for receipt in receipts:
        assert re.fullmatch(r"LT-\d{8}-[2-9A-HJKMNP-Z]{6}", receipt)
    assert IntakeReport.objects.count() == 5


def test_reporter_contact_is_encrypted_at_rest(place, django_capture_on_commit_callbacks):
    village, _ = place
    with django_capture_on_commit_callbacks(execute=True):
        receipt = report(village)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reporter_name, reporter_phone FROM protection_intakereport WHERE receipt = %s",
            [receipt],
        )
        name, phone = cursor.fetchone()
    assert "报告人" not in name and "9999" not in phone
    stored = IntakeReport.objects.get(receipt=receipt)
    assert stored.reporter_phone == "0371-99998888"
    assert stored.status == IntakeReport.Status.NEW


def test_city_office_and_township_staff_are_told_without_details(
    place, django_capture_on_commit_callbacks
):
    village, other = place
    city = staff(roles.CITY_OFFICE, username="city")
    local = staff(roles.TOWNSHIP_STAFF, townships=[village.township], username="local")
    elsewhere = staff(roles.TOWNSHIP_STAFF, townships=[other.township], username="elsewhere")
    with django_capture_on_commit_callbacks(execute=True):
        receipt = report(village)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {city.email, local.email}
    assert elsewhere.email not in message.to
    assert receipt in message.body
    assert "测试事件" not in message.body + message.subject
    assert "报告人" not in message.body and "9999" not in message.body


def test_a_village_of_another_township_is_dropped_not_fatal(
    place, django_capture_on_commit_callbacks
):
    village, other = place
    with django_capture_on_commit_callbacks(execute=True):
        receipt = report(village, village=other)
    stored = IntakeReport.objects.get(receipt=receipt)
    assert stored.township == village.township
    assert stored.village is None


def test_mandatory_reporters():
    kinds = IntakeReport.ReporterKind
    assert IntakeReport(reporter_kind=kinds.SCHOOL).is_mandatory_report
    assert not IntakeReport(reporter_kind=kinds.NEIGHBOUR).is_mandatory_report
