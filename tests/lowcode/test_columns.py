"""Custom fields in the registry spreadsheets: a column in the empty template (a guardian's on
the minor's sheet), checked on import with the reason in Chinese, written after the records,
and exported with the values as staff typed them."""

import datetime
import io

from python_calamine import CalamineWorkbook

from lantian.models import ImportRecord
from lowcode import values
from lowcode.models import CustomField, Kind
from protection.identity import make_id_number
from protection.models import Minor
from tests.imports.conftest import upload, xlsx  # noqa: F401
from tests.protection.factories import GuardianFactory

MINORS = "/admin/protection/minors/"
IMPORT = MINORS + "import/"
HEADER = ["姓名", "性别", "出生日期", "身份证号", "乡镇(街道)", "村(居)委会"]
BORN = datetime.date(2015, 10, 14)


def first_sheet(content):
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


def row(world, name, n, *extra):
    number = make_id_number("410199", BORN, n)
    return [name, "男", "2015-10-14", number, world.township_a.name, world.village_a.name, *extra]


def test_the_template_has_a_column_for_each_field(admin_client, left_behind, work_place):
    headings = first_sheet(admin_client.get(IMPORT + "template/").content)[0]
    assert "是否留守儿童" in headings and "监护人·务工地点" in headings


def test_a_bad_cell_is_reported_and_nothing_is_written(admin_client, upload, world):  # noqa: F811
    size = CustomField.objects.create(record_type="minor", label_zh="家庭人口", kind=Kind.NUMBER)
    content = xlsx([[*HEADER, "家庭人口"], row(world, "示例·王明", 11, "四口")])
    upload(IMPORT, "档案.xlsx", content)
    record = ImportRecord.objects.latest("pk")
    assert [(e["column"], e["value"], e["reason"]) for e in record.errors] == [
        ("家庭人口", "四口", "不是数字")
    ]
    admin_client.post(f"{IMPORT}{record.pk}/confirm/")
    assert not Minor.objects.filter(name="示例·王明").exists()
    assert not size.values.exists()


def test_values_are_imported_and_exported(admin_client, upload, world, left_behind):  # noqa: F811
    content = xlsx([[*HEADER, "是否留守儿童"], row(world, "示例·王明", 11, "是")])
    upload(IMPORT, "档案.xlsx", content)
    admin_client.post(f"{IMPORT}{ImportRecord.objects.latest('pk').pk}/confirm/")
    wang = Minor.objects.get(name="示例·王明")
    assert values.read_one(wang)[left_behind.pk] is True
    exported = first_sheet(admin_client.get(MINORS + "?export=xlsx").content)
    heading = exported[0].index("是否留守儿童")
    assert next(r for r in exported if "示例·王明" in r)[heading] == "是"


def test_a_guardian_value_needs_a_guardian_on_record(admin_client, upload, world, work_place):  # noqa: F811
    content = xlsx([[*HEADER, "监护人·务工地点"], row(world, "示例·王明", 11, "广州")])
    upload(IMPORT, "档案.xlsx", content)
    record = ImportRecord.objects.latest("pk")
    assert [(e["column"], e["value"]) for e in record.errors] == [("监护人·务工地点", "广州")]
    guardian = GuardianFactory(minor=world.minor_a)
    values.write(guardian, {work_place: "郑州"})
    exported = first_sheet(admin_client.get(MINORS + "?export=xlsx").content)
    heading = exported[0].index("监护人·务工地点")
    assert next(r for r in exported if world.minor_a.name in r)[heading] == "郑州"
