"""Reading an uploaded spreadsheet into rows, whatever program wrote it.

xlsx, xls and ods go through python-calamine (Rust; about ten times faster than openpyxl on these
machines, see docs/benchmarks.md). csv comes as UTF-8 (with or without the BOM Excel writes) or as
GBK/GB18030, which Excel on a Chinese Windows writes by default. Title rows above the header
(often one merged cell: "荥阳市困境未成年人信息档案") are skipped by finding the header row
among the first rows; empty rows are dropped, and each row keeps the number the user sees in
Excel, so that error messages point at the right line.
"""

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .parsing import clean_compact

FORMATS = {"xlsx", "xls", "xlsm", "ods", "csv"}
HEADER_SEARCH_ROWS = 20


class SheetError(ValueError):
    """The file as a whole cannot be read; the message is for the user."""


@dataclass
class Sheet:
    headings: list  # as written in the file, cleaned
    rows: list  # (row number in the file, [cell values aligned with headings])
    header_row: int = 1
    missing: list = field(default_factory=list)  # expected headings not found
    unknown: list = field(default_factory=list)  # headings in the file we do not know


def file_format(filename):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in FORMATS:
        raise SheetError(_("Upload an xlsx, xls or csv file."))
    return extension


def heading_key(value):
    """Headings match without spaces or required-marks: '姓名*', ' 姓 名 ', '姓名（必填）'."""
    text = clean_compact(value)
    for mark in ("（必填）", "(必填)", "*", "＊"):
        text = text.replace(mark, "")
    return text


def read_rows(content, filename):
    """All rows of the first sheet as lists of cell values (str, int, float, date …)."""
    kind = file_format(filename)
    if kind == "csv":
        return _read_csv(content)
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        if not workbook.sheet_names:
            raise SheetError(_("The file has no worksheet."))
        return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except SheetError:
        raise
    except Exception:  # calamine raises several unrelated types for a damaged file
        raise SheetError(
            _("The file could not be read as a spreadsheet. Save it again as xlsx and retry.")
        ) from None


def _read_csv(content):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte sequence of even the oddest files
        raise SheetError(_("The csv file is neither UTF-8 nor GBK."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def read_sheet(content, filename, expected_headings):
    """The header row and the data rows under it.

    The header is the row among the first ``HEADER_SEARCH_ROWS`` that names the most expected
    headings; a sheet naming none of them is refused with the headings it should carry."""
    raw = read_rows(content, filename)
    wanted = {heading_key(h): h for h in expected_headings}
    best, best_hits = None, 0
    for index, row in enumerate(raw[:HEADER_SEARCH_ROWS]):
        hits = sum(1 for cell in row if heading_key(cell) in wanted)
        if hits > best_hits:
            best, best_hits = index, hits
    if best is None:
        raise SheetError(
            _("No header row found. The first row of the table must name the columns: %s")
            % "、".join(expected_headings)
        )
    header = raw[best]
    positions = {}
    unknown = []
    for position, cell in enumerate(header):
        key = heading_key(cell)
        if key in wanted and wanted[key] not in positions:
            positions[wanted[key]] = position
        elif key:
            unknown.append(clean_compact(cell))
    headings = [h for h in expected_headings if h in positions]
    rows = []
    for offset, row in enumerate(raw[best + 1 :], start=best + 2):
        cells = [row[positions[h]] if positions[h] < len(row) else "" for h in headings]
        if all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells):
            continue  # an empty row: at the end of most sheets, sometimes between blocks
        rows.append((offset, cells))
    missing = [h for h in expected_headings if h not in positions]
    return Sheet(headings, rows, header_row=best + 1, missing=missing, unknown=unknown)
