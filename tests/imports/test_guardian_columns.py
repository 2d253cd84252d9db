"""The guardian on the child's row of the village sheet: added or updated with the minor, its ID
number checked per row like the minor's, exported (masked without the permission) and read back
unchanged."""

import csv
import datetime
import io

import pytest
from django.utils import translation
from django.utils.translation import gettext
from python_calamine import CalamineWorkbook

from lantian.models import ImportRecord
from protection.identity import make_id_number
from protection.models import Guardian, Minor

from ..protection.factories import GuardianFactory, MinorFactory
from .conftest import csv_file, xlsx
from .factories import TownshipFactory, VillageFactory

MINORS = "/admin/protection/minors/"
IMPORT = MINORS + "import/"
HEADER = [
    "姓名", "性别", "出生日期", "乡镇(街道)", "村(居)委会",
    "监护人姓名", "与未成年人关系", "监护人身份证号", "监护人电话", "监护人状况",
]  # fmt: skip
MOTHER = make_id_number("410199", datetime.date(1988, 3, 3), 22)
WANG = ["示例·王明", "男", "2015-10-14", "乔楼", "槐西"]
LI = ["示例·李芳", "母亲", MOTHER, "0371-64001234", "外出务工"]


@pytest.fixture
def village(db):
    return VillageFactory(township=TownshipFactory(name="乔楼镇"), name="槐西村")


def latest():
    return ImportRecord.objects.latest("pk")


def test_guardians_come_in_with_their_children(admin_client, upload, village):
    wrong = MOTHER[:-1] + ("0" if MOTHER[-1] != "0" else "1")
    content = xlsx(
        [
            HEADER,
            [*WANG, *LI],
            ["示例·张华", "男", "2014-01-01", "乔楼", "槐西", "示例·张强", "父亲", wrong, "", ""],
            ["示例·赵丽", "女", "2013-01-01", "乔楼", "槐西", "", "其他亲属", "", "", ""],
        ]
    )  # fmt: skip
    upload(IMPORT, "档案.xlsx", content)
    with translation.override("zh-hans"):
        checksum = gettext("This ID number's check digit is wrong: please check each digit again.")
    assert [(e["row"], e["column"], e["reason"]) for e in latest().errors] == [
        (3, "监护人身份证号", checksum),
        (4, "监护人姓名", "必填"),
    ]
    admin_client.post(f"{IMPORT}{latest().pk}/confirm/")
    assert not Minor.objects.exists() and not Guardian.objects.exists()

    upload(IMPORT, "档案.xlsx", xlsx([HEADER, [*WANG, *LI]]))
    admin_client.post(f"{IMPORT}{latest().pk}/confirm/")
    guardian = Guardian.objects.get()
    assert (guardian.minor.name, guardian.name, guardian.relation, guardian.situation) == (
        "示例·王明",
        "示例·李芳",
        "mother",
        "migrant",
    )
    assert (guardian.id_number, guardian.phone) == (MOTHER, "0371-64001234")
    assert Guardian.objects.filter(id_number_hash=guardian.id_number_hash).count() == 1


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_export_with_guardians_reads_back_unchanged_and_updates_the_same_guardian(
    admin_client, upload, village, file_format
):
    minor = MinorFactory(name="示例·王明", village=village)
    GuardianFactory(minor=minor, name="示例·李芳", id_number=MOTHER, relation="mother")
    GuardianFactory(minor=minor, name="示例·王父", relation="father")
    exported = admin_client.get(f"{MINORS}?export={file_format}").content
    upload(IMPORT, f"导出.{file_format}", exported)
    assert (latest().counts["unchanged"], latest().counts["updated"]) == (1, 0)

    if file_format == "csv":
        rows = list(csv.reader(io.StringIO(exported.decode("utf-8-sig"))))
    else:
        rows = (
            CalamineWorkbook.from_filelike(io.BytesIO(exported)).get_sheet_by_index(0).to_python()
        )
    head = rows[0]
    assert rows[1][head.index("监护人姓名")] == "示例·李芳"
    rows[1][head.index("监护人状况")] = "重病"
    upload(IMPORT, f"改.{file_format}", csv_file(rows) if file_format == "csv" else xlsx(rows))
    assert latest().counts["updated"] == 1
    admin_client.post(f"{IMPORT}{latest().pk}/confirm/")
    assert Guardian.objects.count() == 2
    mother = Guardian.objects.get(name="示例·李芳")
    assert (mother.situation, mother.id_number) == ("ill", MOTHER)
