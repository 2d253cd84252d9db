"""Exporting a registry listing: the import template's columns, formula-safe, logged, and an
exported file imports back with no change."""

import csv
import io

import pytest
from python_calamine import CalamineWorkbook

from lantian.models import ExportRecord, ImportRecord
from protection.models import Township

from .factories import TownshipFactory

TOWNSHIPS = "/admin/protection/townships/"


@pytest.fixture
def townships(db):
    return [
        TownshipFactory(name="乔楼镇", kind="town", station_address="乔楼镇政府"),
        TownshipFactory(name="索河街道", kind="street", hotline=""),
        # An address someone typed as a formula: it must not run in Excel.
        TownshipFactory(name="高村乡", kind="township", station_name='=HYPERLINK("http://x")'),
    ]


def xlsx_rows(content):
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


def test_csv_export_has_the_template_columns_and_neutralises_formulas(admin_client, townships):
    response = admin_client.get(TOWNSHIPS + "?export=csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["名称", "类型", "排序", "指导站", "热线", "指导站地址", "系统编号"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["乔楼镇"][1] == "镇" and by_name["索河街道"][1] == "街道"
    assert by_name["高村乡"][3] == '\'=HYPERLINK("http://x")'


def test_the_export_is_the_filtered_listing_and_is_logged(admin_client, admin_user, townships):
    response = admin_client.get(TOWNSHIPS + "?kind=street&export=xlsx")
    rows = xlsx_rows(response.content)
    assert [row[0] for row in rows[1:]] == ["索河街道"]
    log = ExportRecord.objects.get()
    assert (log.user, log.file_format, log.row_count, log.filters) == (
        admin_user,
        "xlsx",
        1,
        "kind=street",
    )


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_an_exported_file_imports_back_with_no_change(admin_client, upload, townships, file_format):
    before = list(Township.objects.order_by("pk").values())
    exported = admin_client.get(f"{TOWNSHIPS}?export={file_format}").content
    page = upload(TOWNSHIPS + "import/", f"乡镇.{file_format}", exported).content.decode()
    record = ImportRecord.objects.get()
    assert record.counts["unchanged"] == 3
    assert record.counts["new"] == record.counts["updated"] == record.counts["invalid"] == 0
    assert "每一行都与档案库一致，没有需要导入的内容。" in page
    assert list(Township.objects.order_by("pk").values()) == before
