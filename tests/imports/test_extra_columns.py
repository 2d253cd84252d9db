"""Columns registered from outside a registry's Resource (an administrator's custom field): in the
empty template, read and checked on import, written after the records, exported, and an export
imports back unchanged."""

import datetime
import io

import pytest
from python_calamine import CalamineWorkbook

from lantian.imports.columns import ExtraColumn, register_extra_columns, unregister_extra_columns
from lantian.imports.parsing import parse_bool
from lantian.models import ImportRecord
from protection.identity import make_id_number
from protection.models import Minor

from .conftest import xlsx
from .factories import TownshipFactory, VillageFactory

MINORS = "/admin/protection/minors/"
IMPORT = MINORS + "import/"
HEADER = ["姓名", "性别", "出生日期", "身份证号", "乡镇(街道)", "村(居)委会", "是否留守儿童"]
BORN = datetime.date(2015, 10, 14)


class LeftBehindStore:
    """Where the test keeps the custom field's values, and what the hooks were asked to do."""

    def __init__(self):
        self.values = {}
        self.writes = []

    def read(self, minors):
        return {m.pk: self.values[m.pk] for m in minors if m.pk in self.values}

    def write(self, pairs):
        self.writes.append([(m.name, value) for m, value in pairs])
        for minor, value in pairs:
            self.values[minor.pk] = value

    def provider(self, resource):
        return [
            ExtraColumn(
                name="left_behind",
                heading="是否留守儿童",
                clean=lambda cell, row: parse_bool(cell),
                read=self.read,
                write=self.write,
                hint="是 / 否",
            )
        ]


@pytest.fixture
def store(db):
    store = LeftBehindStore()
    register_extra_columns("protection.Minor", store.provider)
    yield store
    unregister_extra_columns("protection.Minor", store.provider)


@pytest.fixture
def place(db):
    return VillageFactory(township=TownshipFactory(name="乔楼镇"), name="槐西村")


def sheet_rows(content):
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


def latest():
    return ImportRecord.objects.latest("pk")


def test_the_template_carries_the_extra_column_with_its_hint(admin_client, store):
    content = admin_client.get(IMPORT + "template/").content
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    assert book.get_sheet_by_index(0).to_python()[0][-2:] == ["是否留守儿童", "系统编号"]
    notes = book.get_sheet_by_index(1).to_python()
    assert ["是否留守儿童", "是 / 否"] in [row[:2] for row in notes]


def test_a_bad_cell_is_reported_and_nothing_is_written(admin_client, upload, store, place):
    content = xlsx(
        [
            HEADER,
            [
                "示例·王明",
                "男",
                "2015-10-14",
                make_id_number("410199", BORN, 11),
                "乔楼镇",
                "槐西村",
                "是",
            ],
            ["示例·李红", "女", "2015-10-14", "", "乔楼镇", "槐西村", "也许"],
        ]
    )
    upload(IMPORT, "档案.xlsx", content)
    record = latest()
    assert [(e["row"], e["column"], e["value"], e["reason"]) for e in record.errors] == [
        (3, "是否留守儿童", "也许", "请填写“是”或“否”")
    ]
    admin_client.post(f"{IMPORT}{record.pk}/confirm/")
    assert not Minor.objects.exists()
    assert store.writes == []


def test_values_are_written_in_one_call_exported_and_read_back(admin_client, upload, store, place):
    content = xlsx(
        [
            HEADER,
            [
                "示例·王明",
                "男",
                "2015-10-14",
                make_id_number("410199", BORN, 11),
                "乔楼镇",
                "槐西村",
                "是",
            ],
            [
                "示例·张华",
                "男",
                "2015-10-14",
                make_id_number("410199", BORN, 13),
                "乔楼镇",
                "槐西村",
                "否",
            ],
        ]
    )
    upload(IMPORT, "档案.xlsx", content)
    admin_client.post(f"{IMPORT}{latest().pk}/confirm/")
    assert store.writes == [[("示例·王明", True), ("示例·张华", False)]]
    wang = Minor.objects.get(name="示例·王明")
    assert store.values[wang.pk] is True

    exported = admin_client.get(MINORS + "?export=xlsx").content
    rows = sheet_rows(exported)
    column = rows[0].index("是否留守儿童")
    assert sorted(row[column] for row in rows[1:]) == ["否", "是"]

    # The export imports back as unchanged: nothing to write.
    upload(IMPORT, "导出.xlsx", exported)
    assert (latest().counts["unchanged"], latest().counts["updated"]) == (2, 0)

    # One changed cell is one update, and only that pair is written.
    name = rows[0].index("姓名")
    changed = [rows[0]] + [
        [("否" if r[name] == "示例·王明" else c) if i == column else c for i, c in enumerate(r)]
        for r in rows[1:]
    ]
    upload(IMPORT, "改.xlsx", xlsx(changed))
    record = latest()
    assert (record.counts["unchanged"], record.counts["updated"]) == (1, 1)
    assert record.preview[[p["cells"][name] for p in record.preview].index("示例·王明")][
        "changed"
    ] == ["是否留守儿童"]
    admin_client.post(f"{IMPORT}{record.pk}/confirm/")
    assert store.writes[-1] == [("示例·王明", False)]
    assert store.values[wang.pk] is False


def test_a_required_extra_column_must_be_filled(admin_client, upload, place, db):
    def provider(resource):
        return [
            ExtraColumn(
                name="work_place",
                heading="务工地点",
                clean=lambda cell, row: (cell or "").strip(),
                read=lambda records: {},
                write=lambda pairs: None,
                required=True,
            )
        ]

    register_extra_columns("protection.Minor", provider)
    try:
        content = xlsx(
            [
                [*HEADER[:-1], "务工地点"],
                ["示例·王明", "男", "2015-10-14", "", "乔楼镇", "槐西村", ""],
            ]
        )
        upload(IMPORT, "档案.xlsx", content)
        assert [(e["column"], e["reason"]) for e in latest().errors] == [("务工地点", "必填")]
    finally:
        unregister_extra_columns("protection.Minor", provider)
