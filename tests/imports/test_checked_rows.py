"""The rows checked for the preview are kept for the confirmation, so the write does not read and
validate the file again; whatever the registry decides is still settled at the confirmation, and
a change to what the check relied on (a village moved to another township) means the file is
checked again."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from wagtail.models import ModelLogEntry, ReferenceIndex

from lantian.imports import checked, engine
from lantian.models import ImportedObject, ImportRecord
from protection.identity import make_id_number
from protection.models import Minor, Township

from .conftest import csv_file
from .factories import MinorFactory, TownshipFactory, VillageFactory

MINORS = "/admin/protection/minors/"
IMPORT = MINORS + "import/"
HEADER = ["姓名", "性别", "出生日期", "身份证号", "乡镇(街道)", "村(居)委会"]
BORN = datetime.date(2015, 10, 14)


@pytest.fixture
def place(db):
    return VillageFactory(township=TownshipFactory(name="乔楼镇"), name="槐西村")


def sheet(*ids):
    rows = [[f"示例{i}", "男", "2015-10-14", n, "乔楼镇", "槐西村"] for i, n in enumerate(ids)]
    return csv_file([HEADER, *rows])


def boy(sequence):
    return make_id_number("410182", BORN, sequence)


def checked_upload(upload, content):
    upload(IMPORT, "档案.csv", content)
    record = ImportRecord.objects.latest("pk")
    assert record.status == ImportRecord.Status.CHECKED and not record.errors
    return record


def test_the_confirmation_writes_the_rows_checked_for_the_preview(
    admin_client, upload, place, monkeypatch
):
    record = checked_upload(upload, sheet(boy(11), boy(13)))

    def read_again(*args, **kwargs):
        raise AssertionError("the file was read a second time")

    monkeypatch.setattr(engine, "read_sheet", read_again)
    admin_client.post(f"{IMPORT}{record.pk}/confirm/")
    record.refresh_from_db()
    assert record.status == ImportRecord.Status.DONE
    assert sorted(Minor.objects.values_list("name", flat=True)) == ["示例0", "示例1"]
    # Forgotten once written, like the file itself.
    assert cache.get(checked._key(record)) is None


def test_a_child_registered_after_the_preview_is_updated_not_added_twice(
    admin_client, upload, place
):
    record = checked_upload(upload, sheet(boy(11)))
    assert record.counts["new"] == 1
    # Someone registers the same child by hand while the preview waits.
    MinorFactory(name="王小明", id_number=boy(11), birth_date=BORN, village=place)
    admin_client.post(f"{IMPORT}{record.pk}/confirm/")
    record.refresh_from_db()
    assert record.status == ImportRecord.Status.DONE
    assert record.counts["new"] == 0 and record.counts["updated"] == 1
    assert list(Minor.objects.values_list("name", flat=True)) == ["示例0"]


def test_a_village_moved_since_the_preview_has_the_file_checked_again(admin_client, upload, place):
    record = checked_upload(upload, sheet(boy(11)))
    place.township = Township.objects.create(name="高村乡", sort_order=99)
    place.save()
    page = admin_client.post(f"{IMPORT}{record.pk}/confirm/", follow=True).content.decode()
    record.refresh_from_db()
    assert record.status == ImportRecord.Status.FAILED
    assert "检查发现有错误的行，因此没有导入任何数据。请修改文件后重新上传。" in page
    assert [(e["row"], e["column"], e["reason"]) for e in record.errors] == [
        (2, "村(居)委会", "本乡镇没有这个村(居)委会")
    ]
    assert not Minor.objects.exists()


def test_a_cancelled_import_forgets_the_checked_rows(admin_client, upload, place):
    record = checked_upload(upload, sheet(boy(11)))
    assert cache.get(checked._key(record)) is not None
    admin_client.post(f"{IMPORT}{record.pk}/cancel/")
    assert cache.get(checked._key(record)) is None
    assert not Minor.objects.exists()


def test_the_kept_rows_are_encrypted(upload, place):
    record = checked_upload(upload, sheet(boy(11)))
    token = cache.get(checked._key(record))
    assert boy(11).encode() not in token and "示例0".encode() not in token


def test_each_imported_child_has_its_link_history_entry_and_references(
    admin_client, upload, place, admin_user
):
    record = checked_upload(upload, sheet(boy(11), boy(13)))
    admin_client.post(f"{IMPORT}{record.pk}/confirm/")
    minors = list(Minor.objects.order_by("pk"))
    links = ImportedObject.objects.filter(record=record).order_by("object_id")
    assert [(link.object_id, link.created) for link in links] == [(str(m.pk), True) for m in minors]
    for minor in minors:
        (entry,) = ModelLogEntry.objects.for_instance(minor)
        assert (entry.action, entry.user, entry.label, entry.data) == (
            "wagtail.create",
            admin_user,
            minor.name,
            {"import": record.pk, "file": "档案.csv"},
        )
        assert entry.timestamp is not None and entry.content_type == (
            ContentType.objects.get_for_model(Minor)
        )
        # The same rows Wagtail's own indexing writes for the record.
        written = set(
            ReferenceIndex.objects.filter(object_id=str(minor.pk)).values_list(
                "to_content_type", "to_object_id", "model_path", "content_path", "content_path_hash"
            )
        )
        ReferenceIndex.create_or_update_for_object(minor)
        assert written == set(
            ReferenceIndex.objects.filter(object_id=str(minor.pk)).values_list(
                "to_content_type", "to_object_id", "model_path", "content_path", "content_path_hash"
            )
        )
        assert written


def test_kept_rows_that_cannot_be_read_back_mean_the_file_is_checked_again(
    admin_client, upload, place
):
    record = checked_upload(upload, sheet(boy(11)))
    cache.set(checked._key(record), b"not a token of this key")
    admin_client.post(f"{IMPORT}{record.pk}/confirm/")
    record.refresh_from_db()
    assert record.status == ImportRecord.Status.DONE
    assert list(Minor.objects.values_list("name", flat=True)) == ["示例0"]
