"""A record merged into another is the same child as its survivor: the import preview, the queue
and the comparison of a department's list never offer the merged copy again, and a list naming
the merged copy's ID number is told of the survivor."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from python_calamine import CalamineWorkbook

from comparison import finding, merging
from comparison.models import CandidatePair
from lantian.models import ImportRecord
from protection import roles

from ..imports.conftest import csv_file
from ..protection.factories import MinorFactory, VillageFactory, staff

BORN = datetime.date(2015, 10, 14)


@pytest.fixture
def merged(db):
    """示例·张伟 (with an ID number) merged into 示例·章伟 (registered without one)."""
    village = VillageFactory(name="槐西村")
    copy = MinorFactory(name="示例·张伟", sex="male", birth_date=BORN, village=village)
    survivor = MinorFactory(
        name="示例·章伟", sex="male", birth_date=BORN, village=village, id_number=""
    )
    city = staff(roles.CITY_OFFICE, username="city")
    finding.run(city)
    merging.merge(CandidatePair.objects.get(), survivor, city)
    copy.refresh_from_db()
    assert copy.merged_into == survivor
    return copy, survivor, village, city


def test_the_import_preview_names_only_the_survivor(admin_client, merged):
    _copy, _survivor, village, _city = merged
    content = csv_file(
        [
            ["姓名", "性别", "出生日期", "乡镇(街道)", "村(居)委会"],
            ["示例·张伟", "男", "2015-10-14", village.township.name, village.name],
        ]
    )
    url = "/admin/protection/minors/import/"
    admin_client.post(url, {"file": SimpleUploadedFile("名单.csv", content)})
    (row,) = ImportRecord.objects.latest("pk").preview
    assert row["duplicates"] == [
        "可能与 示例·章伟（2015-10-14，槐西村） 为同一人，得分 85；"
        "一致：姓名（读音相同）、出生日期、性别、村(居)委会、乡镇(街道)"
    ]


def test_the_queue_never_pairs_the_merged_copy_again(merged):
    _copy, survivor, village, city = merged
    again = MinorFactory(name="示例·张伟", sex="male", birth_date=BORN, village=village)
    assert finding.run(city) == 1
    pair = CandidatePair.objects.get(status="proposed")
    assert {pair.minor_id, pair.other_id} == {survivor.pk, again.pk}


def test_a_list_naming_the_merged_copys_id_number_is_told_of_the_survivor(admin_client, merged):
    copy, _survivor, _village, _city = merged
    head = ["姓名", "性别", "出生日期", "身份证号"]
    content = csv_file([head, ["示例·张伟", "男", "2015-10-14", copy.id_number]])
    response = admin_client.post(
        "/admin/comparison/lists/", {"file": SimpleUploadedFile("司法局名单.csv", content)}
    )
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0)
    rows = rows.to_python()
    answer = dict(zip(rows[0], rows[1], strict=True))
    assert answer["比对结果"] == "已登记"
    assert answer["已登记档案"] == "示例·章伟（2015-10-14，槐西村）"
    assert answer["一致项"].startswith("身份证号、")
