"""How two names agree, as the reviewer reads it: "一致" only when the characters agree, the
variant form or the sound said as such, on the review screen, in the queue and in the comparison
spreadsheet of a department's list alike."""

import datetime
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from python_calamine import CalamineWorkbook

from comparison import finding
from comparison.models import CandidatePair
from protection import roles

from ..imports.conftest import csv_file
from ..protection.factories import MinorFactory, VillageFactory, staff

QUEUE = "/admin/comparison/"
BORN = datetime.date(2015, 10, 14)


@pytest.fixture
def village(db):
    return VillageFactory(name="槐西村")


@pytest.fixture
def city(db):
    return staff(roles.CITY_OFFICE, username="city")


def name_cell(page):
    """The comparison column of the review table's name line."""
    line = re.search(r'<th scope="row">姓名</th>(.*?)</tr>', page, re.S).group(1)
    found = re.search(r"data-agreement>([^<]*)<", line)
    return found.group(1) if found else ""


@pytest.mark.parametrize(
    "registered, other, word, listed",
    [
        ("示例·张伟", "示例·张伟", "一致", "姓名"),
        ("示例·张伟", "示例·張偉", "繁简/异体字相同", "姓名（繁简/异体字相同）"),
        ("示例·张伟", "示例·章伟", "读音相同", "姓名（读音相同）"),
    ],
    ids=["same characters", "variant characters", "same sound"],
)
def test_the_review_screen_says_how_the_names_agree(
    client, village, city, registered, other, word, listed
):
    MinorFactory(name=registered, sex="male", birth_date=BORN, village=village)
    MinorFactory(name=other, sex="male", birth_date=BORN, village=village, id_number="")
    finding.run(city)
    pair = CandidatePair.objects.get()
    client.force_login(city)
    assert name_cell(client.get(f"{QUEUE}{pair.pk}/").content.decode()) == word
    queue = client.get(QUEUE).content.decode()
    assert f"{listed}、出生日期、性别、村(居)委会" in queue


def test_a_department_list_says_how_each_name_agrees(admin_client, village):
    MinorFactory(name="王小明", sex="male", birth_date=BORN, village=village)
    MinorFactory(name="張偉", sex="male", birth_date=datetime.date(2014, 1, 2), village=village)
    MinorFactory(name="李红", sex="female", birth_date=datetime.date(2013, 5, 6), village=village)
    content = csv_file(
        [
            ["姓名", "性别", "出生日期"],
            ["王小明", "男", "2015-10-14"],
            ["张伟", "男", "2014-01-02"],
            ["李宏", "女", "2013-05-06"],
        ]
    )
    for url in ("/admin/protection/minors/compare/", f"{QUEUE}lists/"):
        response = admin_client.post(url, {"file": SimpleUploadedFile("名单.csv", content)})
        rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
        rows = rows.get_sheet_by_index(0).to_python()
        agreeing = rows[0].index("一致项")
        assert [row[agreeing] for row in rows[1:]] == [
            "姓名、出生日期、性别",
            "姓名（繁简/异体字相同）、出生日期、性别",
            "姓名（读音相同）、出生日期、性别",
        ], url
