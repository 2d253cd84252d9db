"""Information comparison (信息比对) of a department's list, without importing it."""

import datetime
import io

import pytest
from python_calamine import CalamineWorkbook

from lantian.models import ExportRecord
from protection.identity import make_id_number
from protection.matching import Index, Person, compare
from protection.models import Minor

from .conftest import csv_file
from .factories import MinorFactory, TownshipFactory, VillageFactory

COMPARE = "/admin/protection/minors/compare/"
BORN = datetime.date(2015, 10, 14)


def boy(sequence=11):
    return make_id_number("410182", BORN, sequence)


@pytest.fixture
def place(db):
    return VillageFactory(township=TownshipFactory(name="乔楼镇"), name="槐西村")


def test_a_justice_bureau_list_comes_back_marked_known_new_and_conflicting(admin_client, place):
    MinorFactory(name="王小明", birth_date=BORN, sex="male", village=place, id_number=boy())
    MinorFactory(name="李小红", birth_date=BORN, sex="female", village=place, id_number="")
    MinorFactory(name="赵刚", birth_date=BORN, sex="male", village=place, id_number=boy(13))
    # The list has no township or village columns: a department does not know them.
    content = csv_file(
        [
            ["姓名", "性别", "出生日期", "身份证号"],
            ["王小明", "男", "2015-10-14", boy()],  # known by ID
            ["李晓红", "女", "2015/10/14", ""],  # same sound, same birth date: possibly known
            ["赵强", "男", "2015-10-14", boy(13)],  # same ID, another name: conflicting
            ["孙丽", "女", "2012-03-01", ""],  # new
        ]
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin_client.post(COMPARE, {"file": SimpleUploadedFile("司法局名单.csv", content)})
    assert response["Content-Type"].startswith("application/vnd.openxml")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0)
    rows = rows.to_python()
    assert rows[0][4:7] == ["比对结果", "已登记档案", "得分"]
    outcomes = [(row[0], row[4]) for row in rows[1:]]
    assert outcomes == [
        ("王小明", "已登记"),
        ("李晓红", "可能已登记"),
        ("赵强", "有冲突"),
        ("孙丽", "新增"),
    ]
    assert rows[2][5] == "李小红（2015-10-14，槐西村）"
    assert "姓名" in rows[3][8]  # the conflicting field
    assert Minor.objects.count() == 3  # nothing imported
    log = ExportRecord.objects.get()
    assert (log.file_format, log.row_count) == ("compare", 4)


def people(n, start=0):
    return [
        Person(
            name=f"张{chr(0x4E00 + i % 2000)}",
            birth_date=datetime.date(2010, 1, 1) + datetime.timedelta(days=i % 3000),
            sex="male",
            village_id=i % 50,
            ref=start + i,
        )
        for i in range(n)
    ]


def test_comparison_looks_only_at_children_sharing_a_blocking_key():
    """Never all pairs: with no key in common, nobody is a candidate."""
    index = Index(people(2000))
    stranger = Person(
        name="欧阳娜娜", birth_date=datetime.date(2001, 2, 3), sex="female", village_id=999
    )
    assert list(index.candidates(stranger)) == []
    outcome, match = compare([stranger], index)[0]
    assert (outcome, match) == ("new", None)


def test_variant_and_homophone_names_meet():
    registered = Person(name="張偉", birth_date=BORN, sex="male", village_id=1, ref=1, label="x")
    ((outcome, match),) = compare(
        [Person(name="章伟", birth_date=BORN, sex="male", village_id=1)], Index([registered])
    )
    assert outcome == "possible"
    assert match.agree == ["name_sound", "birth_date", "sex", "village"]
