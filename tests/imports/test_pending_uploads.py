"""An upload waiting for confirmation holds minors' ID numbers: it is stored encrypted, and its
file is deleted on cancel or, when nobody confirms it, a day later by the scheduled command."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from lantian.models import ImportRecord
from protection.identity import make_id_number

from .conftest import csv_file
from .factories import TownshipFactory, VillageFactory

IMPORT = "/admin/protection/minors/import/"
NUMBER = make_id_number("410199", datetime.date(2015, 10, 14), 11)


@pytest.fixture
def sheet(db):
    VillageFactory(township=TownshipFactory(name="乔楼镇"), name="槐西村")
    return csv_file(
        [
            ["姓名", "性别", "出生日期", "身份证号", "乡镇(街道)", "村(居)委会"],
            ["示例·王明", "男", "2015-10-14", NUMBER, "乔楼镇", "槐西村"],
        ]
    )


def stored_bytes(record):
    with connection.cursor() as cursor:
        cursor.execute("SELECT content FROM lantian_importrecord WHERE id = %s", [record.pk])
        value = cursor.fetchone()[0]
    return None if value is None else bytes(value)


def test_a_waiting_upload_is_stored_encrypted(admin_client, upload, sheet):
    upload(IMPORT, "名单.csv", sheet)
    record = ImportRecord.objects.get()
    assert record.status == "checked"
    raw = stored_bytes(record)
    assert NUMBER.encode() not in raw and "示例·王明".encode() not in raw
    assert record.file_content == sheet


def test_cancel_deletes_the_file(admin_client, upload, sheet):
    upload(IMPORT, "名单.csv", sheet)
    record = ImportRecord.objects.get()
    admin_client.post(f"{IMPORT}{record.pk}/cancel/")
    record.refresh_from_db()
    assert record.status == "cancelled"
    assert stored_bytes(record) is None and record.preview == [] and record.errors == []


def test_the_scheduled_command_clears_uploads_left_waiting_a_day(admin_client, upload, sheet):
    upload(IMPORT, "旧.csv", sheet)
    upload(IMPORT, "新.csv", sheet)
    old, new = ImportRecord.objects.order_by("pk")
    ImportRecord.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=25)
    )
    out = io.StringIO()
    call_command("purge_pending_imports", stdout=out)
    assert out.getvalue().startswith("1 ")
    old.refresh_from_db()
    new.refresh_from_db()
    assert (old.status, stored_bytes(old), old.preview) == ("cancelled", None, [])
    assert new.status == "checked" and new.file_content == sheet
    # The log line of the abandoned upload stays, and confirming it is no longer possible.
    response = admin_client.post(f"{IMPORT}{old.pk}/confirm/", follow=True)
    assert response.status_code == 200
    old.refresh_from_db()
    assert old.status == "cancelled"
