"""Reading the shapes real sheets take: title rows merged above the header, GBK csv, empty rows."""

import datetime

import pytest

from lantian.imports.reading import SheetError, read_sheet

from .conftest import csv_file, xlsx

HEADINGS = ["名称", "类型", "热线"]


def test_title_rows_merged_above_the_header_are_skipped():
    content = xlsx(
        [["名称", "类型", "热线"], ["乔楼镇", "镇", "0371-1"]],
        title_rows=["荥阳市困境未成年人信息档案", "填报单位：乔楼镇民政所"],
    )
    sheet = read_sheet(content, "a.xlsx", HEADINGS)
    assert sheet.header_row == 3
    assert sheet.rows == [(4, ["乔楼镇", "镇", "0371-1"])]


def test_empty_rows_at_the_end_are_dropped_and_row_numbers_kept():
    content = xlsx([["名称", "类型"], ["甲", "镇"], ["", ""], ["乙", "乡"], ["", ""], [" ", ""]])
    sheet = read_sheet(content, "a.xlsx", HEADINGS)
    assert [number for number, _cells in sheet.rows] == [2, 4]
    assert sheet.missing == ["热线"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_utf8_or_gbk(encoding):
    content = csv_file([["名称", "类型", "热线"], ["索河街道", "街道", "0371-2"]], encoding)
    sheet = read_sheet(content, "a.csv", HEADINGS)
    assert sheet.rows == [(2, ["索河街道", "街道", "0371-2"])]


def test_columns_in_any_order_with_marks_and_unknown_columns():
    content = csv_file([["备注", "热线", " 名 称* "], ["x", "0371-3", "高村乡"]])
    sheet = read_sheet(content, "a.csv", HEADINGS)
    assert sheet.headings == ["名称", "热线"]
    assert sheet.rows == [(2, ["高村乡", "0371-3"])]
    assert sheet.unknown == ["备注"]


def test_dates_in_xlsx_arrive_as_dates():
    import io

    import xlsxwriter

    output = io.BytesIO()
    book = xlsxwriter.Workbook(output)
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, ["名称", "日期"])
    sheet.write_string(1, 0, "甲")
    sheet.write_datetime(
        1, 1, datetime.datetime(2015, 10, 14), book.add_format({"num_format": "yyyy-mm-dd"})
    )
    book.close()
    rows = read_sheet(output.getvalue(), "a.xlsx", ["名称", "日期"]).rows
    assert rows[0][1][1] in (datetime.date(2015, 10, 14), datetime.datetime(2015, 10, 14))


def test_a_sheet_without_the_headings_is_refused_with_the_headings_it_needs():
    content = csv_file([["a", "b"], ["1", "2"]])
    with pytest.raises(SheetError, match="名称、类型、热线"):
        read_sheet(content, "a.csv", HEADINGS)


def test_other_file_types_are_refused():
    with pytest.raises(SheetError):
        read_sheet(b"%PDF", "a.pdf", HEADINGS)


def test_a_damaged_xlsx_is_refused_with_a_message():
    with pytest.raises(SheetError):
        read_sheet(b"PK\x03\x04 not really a zip", "a.xlsx", HEADINGS)
