"""Two guardians on the child's row of the village sheet (father and mother, or the
grandparents), the relation written as real sheets write it, and an export that imports back
as a no-op with both guardians."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from python_calamine import CalamineWorkbook

from lantian.models import ImportRecord
from protection import roles
from protection.identity import make_id_number
from protection.models import Guardian, Minor

from ..imports.conftest import csv_file, xlsx
from .factories import GuardianFactory, MinorFactory, TownshipFactory, VillageFactory, staff

MINORS = "/admin/protection/minors/"
IMPORT = MINORS + "import/"
CHILD = ["姓名", "性别", "出生日期", "乡镇(街道)", "村(居)委会"]
FIRST = ["监护人姓名", "与未成年人关系", "监护人身份证号", "监护人电话", "监护人状况"]
SECOND = ["监护人2姓名", "监护人2与未成年人关系", "监护人2身份证号", "监护人2电话", "监护人2状况"]
FATHER_ID = make_id_number("410199", datetime.date(1986, 5, 1), 31)
MOTHER_ID = make_id_number("410199", datetime.date(1988, 3, 3), 22)
WANG = ["示例·王明", "男", "2015-10-14", "乔楼", "槐西"]
FATHER = ["示例·王父", "父亲", FATHER_ID, "0371-64001111", "外出务工"]
MOTHER = ["示例·李芳", "母亲", MOTHER_ID, "0371-64002222", "正常履行监护"]
CHECKSUM = "该身份证号码校验码不正确,请逐位核对。"


@pytest.fixture
def village(db):
    return VillageFactory(township=TownshipFactory(name="乔楼镇"), name="槐西村")


def upload(client, name, content):
    client.post(IMPORT, {"file": SimpleUploadedFile(name, content)})
    return ImportRecord.objects.latest("pk")


def problems(record):
    return [(e["row"], e["column"], e["value"], e["reason"]) for e in record.errors]


def test_both_guardians_come_in_and_a_wrong_checksum_names_the_second_guardians_column(
    admin_client, village
):
    wrong = MOTHER_ID[:-1] + ("0" if MOTHER_ID[-1] != "0" else "1")
    record = upload(
        admin_client,
        "档案.xlsx",
        xlsx([CHILD + FIRST + SECOND, WANG + FATHER + [*MOTHER[:2], wrong, *MOTHER[3:]]]),
    )
    assert problems(record) == [(2, "监护人2身份证号", wrong, CHECKSUM)]
    admin_client.post(f"{IMPORT}{record.pk}/confirm/")
    assert not Minor.objects.exists() and not Guardian.objects.exists()

    sheet = xlsx([CHILD + FIRST + SECOND, WANG + FATHER + MOTHER])
    record = upload(admin_client, "档案.xlsx", sheet)
    assert record.errors == [] and record.counts["new"] == 1
    admin_client.post(f"{IMPORT}{record.pk}/confirm/")
    minor = Minor.objects.get()
    guardians = [
        (g.name, g.relation, g.id_number, g.phone, g.situation)
        for g in minor.guardians.order_by("sort_order", "pk")
    ]
    assert guardians == [
        ("示例·王父", "father", FATHER_ID, "0371-64001111", "migrant"),
        ("示例·李芳", "mother", MOTHER_ID, "0371-64002222", "present"),
    ]


def test_the_second_guardian_needs_a_name_and_may_not_repeat_the_first(admin_client, village):
    record = upload(
        admin_client,
        "档案.csv",
        csv_file(
            [
                CHILD + FIRST + SECOND,
                WANG + FATHER + ["", "母亲", "", "", ""],
                ["示例·王亮", "男", "2014-01-02", "乔楼", "槐西", *FATHER, *FATHER],
            ]
        ),
    )
    assert problems(record) == [
        (2, "监护人2姓名", "", "必填"),
        (3, "监护人2身份证号", FATHER_ID, "与本行第一位监护人的身份证号相同"),
    ]


@pytest.mark.parametrize(
    "words, relations",
    [
        (("爷爷", "奶奶"), ["grandparent", "grandparent"]),
        (("外公", "外婆"), ["grandparent", "grandparent"]),
        (("祖父母", "外祖父母"), ["grandparent", "grandparent"]),
        (("爸爸", "妈妈"), ["father", "mother"]),
        (("其他亲属", "叔叔"), ["relative", "relative"]),
    ],
)
def test_the_relation_words_real_sheets_carry_are_understood(
    admin_client, village, words, relations
):
    row = [*WANG, "示例·甲", words[0], "", "", "", "示例·乙", words[1], "", "", ""]
    record = upload(admin_client, "档案.csv", csv_file([CHILD + FIRST + SECOND, row]))
    assert record.errors == []
    admin_client.post(f"{IMPORT}{record.pk}/confirm/")
    stored = Guardian.objects.order_by("sort_order", "pk").values_list("relation", flat=True)
    assert list(stored) == relations


def test_an_unknown_relation_is_refused_naming_the_words_accepted(admin_client, village):
    row = [*WANG, "示例·甲", "邻居", "", "", ""]
    record = upload(admin_client, "档案.csv", csv_file([CHILD + FIRST, row]))
    accepted = (
        "父亲（父、爸爸、爸）；母亲（母、妈妈、妈）；"
        "祖父母/外祖父母（祖父母、外祖父母、祖父、祖母、外祖父、外祖母、爷爷、奶奶、外公、外婆、姥爷、姥姥）；"
        "成年兄姐（哥哥、姐姐、兄长、兄、姐）；"
        "其他亲属（亲属、叔叔、伯伯、伯父、叔父、姑姑、姑妈、舅舅、舅妈、姨妈、婶婶）；其他（其它）"
    )
    assert problems(record) == [
        (2, "与未成年人关系", "邻居", f"不是可填写的关系，请填写以下之一：{accepted}")
    ]


def test_the_template_carries_both_guardians_columns(admin_client, village):
    content = admin_client.get(f"{IMPORT}template/").content
    headings = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
    headings = headings.to_python()[0]
    start = headings.index("监护人姓名")
    assert headings[start : start + 10] == FIRST + SECOND


def rows_of(content, file_format):
    if file_format == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
    return [[("" if c is None else c) for c in row] for row in sheet.to_python()]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
@pytest.mark.parametrize("may_view", [False, True], ids=["masked", "full"])
def test_an_export_with_two_guardians_imports_back_as_a_no_op_then_updates_the_second(
    client, village, file_format, may_view
):
    minor = MinorFactory(name="示例·王明", sex="male", village=village)
    father = GuardianFactory(
        minor=minor, name="示例·王父", relation="father", id_number=FATHER_ID, sort_order=0
    )
    mother = GuardianFactory(
        minor=minor, name="示例·李芳", relation="mother", id_number=MOTHER_ID, sort_order=1
    )
    GuardianFactory(minor=minor, name="示例·王奶奶", relation="grandparent", sort_order=2)
    before = list(Guardian.objects.order_by("pk").values_list())
    mother_phone = mother.phone
    role = roles.TOWNSHIP_STAFF if may_view else roles.VILLAGE_SUPERVISOR
    user = staff(role, townships=[village.township], villages=[village], username="clerk")
    assert user.has_perm("protection.view_identifiers") is may_view
    client.force_login(user)

    exported = client.get(f"{MINORS}?export={file_format}").content
    rows = rows_of(exported, file_format)
    head, wang = rows[0], rows[1]
    names = ("监护人姓名", "监护人2姓名", "监护人2与未成年人关系")
    assert [wang[head.index(h)] for h in names] == ["示例·王父", "示例·李芳", "母亲"]
    assert ("*" in wang[head.index("监护人2身份证号")]) is not may_view
    record = upload(client, f"导出.{file_format}", exported)
    assert record.errors == []
    assert (record.counts["unchanged"], record.counts["updated"], record.counts["new"]) == (1, 0, 0)
    client.post(f"{IMPORT}{record.pk}/confirm/")
    assert list(Guardian.objects.order_by("pk").values_list()) == before

    wang[head.index("监护人2状况")] = "重病"
    edited = xlsx(rows) if file_format == "xlsx" else csv_file(rows)
    record = upload(client, f"改.{file_format}", edited)
    assert (record.counts["unchanged"], record.counts["updated"]) == (0, 1)
    client.post(f"{IMPORT}{record.pk}/confirm/")
    mother.refresh_from_db()
    father.refresh_from_db()
    assert (mother.situation, mother.id_number, mother.phone) == ("ill", MOTHER_ID, mother_phone)
    assert (father.situation, father.id_number) == ("present", FATHER_ID)
    assert Guardian.objects.count() == 3
