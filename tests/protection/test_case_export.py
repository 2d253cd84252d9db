"""The case listing's export is on record like every registry export, holds only the scope, and
shows the minor's ID number in full only to users who may view identifiers."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from lantian.models import ExportRecord
from protection.models import Case


def export(client, fmt="csv", **params):
    return client.get(reverse("protection_cases:list"), {"export": fmt, **params})


def test_an_export_is_logged_with_who_what_and_the_filters(client, world):
    client.force_login(world.users["township"])
    response = export(client, status="reported")
    assert response.status_code == 200
    record = ExportRecord.objects.get()
    assert record.user == world.users["township"]
    assert record.content_type == ContentType.objects.get_for_model(Case)
    assert record.row_count == 2 and record.file_format == "csv"
    assert "status=reported" in record.filters and "export" not in record.filters
    assert record.masked is False  # station staff may view identifiers
    body = response.content.decode("utf-8-sig")
    assert world.case_a.minor.id_number in body


def test_without_the_permission_the_id_numbers_are_masked(client, world):
    client.force_login(world.users["village"])
    response = export(client, fmt="xlsx")
    assert response.status_code == 200
    assert response.content[:2] == b"PK"  # an xlsx workbook
    record = ExportRecord.objects.get()
    assert record.masked is True and record.row_count == 1
    client.force_login(world.users["village"])
    body = export(client).content.decode("utf-8-sig")
    number = world.case_a.minor.id_number
    assert number not in body
    assert number[:6] + "********" in body
    assert world.case_b.reference not in body
