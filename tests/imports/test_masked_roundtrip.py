"""An export re-imported by the user who made it: with the record-number column, a sheet whose
ID numbers were masked (the user may not view identifiers) imports back as unchanged or updated
and never overwrites the stored numbers; with the permission, the full numbers round-trip too."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from python_calamine import CalamineWorkbook

from lantian.models import ImportRecord
from protection import roles
from protection.models import Minor

from ..protection.factories import MinorFactory, VillageFactory, staff
from .conftest import csv_file, xlsx

MINORS = "/admin/protection/minors/"
IMPORT = MINORS + "import/"


@pytest.fixture
def village(db):
    return VillageFactory(name="槐西村")


@pytest.fixture
def minors(village):
    wang = datetime.date(2015, 10, 14), "male", "示例·王明"
    li = datetime.date(2013, 2, 1), "female", "示例·李红"
    return [
        MinorFactory(name=name, sex=sex, birth_date=born, village=village)
        for born, sex, name in (wang, li)
    ]


def rows_of(content, file_format):
    if file_format == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
    return [[("" if c is None else c) for c in row] for row in sheet.to_python()]


def import_as(client, name, content):
    client.post(IMPORT, {"file": SimpleUploadedFile(name, content)})
    return ImportRecord.objects.latest("pk")


def stored(minors):
    return [
        Minor.objects.values_list("id_number", "id_number_hash", "school").get(pk=m.pk)
        for m in minors
    ]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("may_view", [False, True], ids=["masked", "full"])
def test_an_export_imports_back_unchanged_then_updates_without_touching_id_numbers(
    client, minors, village, file_format, may_view
):
    role = roles.TOWNSHIP_STAFF if may_view else roles.VILLAGE_SUPERVISOR
    user = staff(role, townships=[village.township], villages=[village], username="clerk")
    assert user.has_perm("protection.view_identifiers") is may_view
    client.force_login(user)
    before = stored(minors)

    exported = client.get(f"{MINORS}?export={file_format}").content
    rows = rows_of(exported, file_format)
    id_col, number_col = rows[0].index("身份证号"), rows[0].index("系统编号")
    by_number = {str(row[number_col]).removesuffix(".0"): row for row in rows[1:]}
    wang = by_number[str(minors[0].pk)]
    assert ("*" in wang[id_col]) is not may_view
    assert wang[id_col].endswith(minors[0].id_number[-4:])

    record = import_as(client, f"导出.{file_format}", exported)
    assert record.errors == []
    assert (record.counts["unchanged"], record.counts["updated"], record.counts["new"]) == (2, 0, 0)

    school_col = rows[0].index("学校")
    wang[school_col] = "乔楼小学"
    edited = xlsx(rows) if file_format == "xlsx" else csv_file(rows)
    record = import_as(client, f"改.{file_format}", edited)
    assert (record.counts["unchanged"], record.counts["updated"]) == (1, 1)
    client.post(f"{IMPORT}{record.pk}/confirm/")
    after = stored(minors)
    assert after[0] == (before[0][0], before[0][1], "乔楼小学")
    assert after[1] == before[1]


def test_a_record_number_outside_the_users_villages_is_unknown(client, minors, village):
    elsewhere = MinorFactory(name="示例·外村", village=VillageFactory())
    user = staff(roles.VILLAGE_SUPERVISOR, villages=[village], username="supervisor")
    client.force_login(user)
    rows = rows_of(client.get(f"{MINORS}?export=csv").content, "csv")
    number_col = rows[0].index("系统编号")
    rows[1][number_col] = str(elsewhere.pk)
    record = import_as(client, "猜.csv", csv_file(rows))
    assert [(e["row"], e["column"], e["reason"]) for e in record.errors] == [
        (2, "系统编号", "您可查看的记录中没有这个编号")
    ]
    client.post(f"{IMPORT}{record.pk}/confirm/")
    assert Minor.objects.get(pk=elsewhere.pk).name == "示例·外村"
