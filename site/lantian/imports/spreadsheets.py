"""Writing spreadsheets for download: exports, the empty import template and the error report.

xlsxwriter writes every text cell with ``write_string`` (its ``write`` would turn "=…" into a
formula), and every text value passes through ``parsing.neutralise`` as well, so that a cell
copied into another program cannot run either."""

import csv
import io

import xlsxwriter
from django.http import HttpResponse
from django.utils.encoding import force_str
from django.utils.translation import gettext as _

from .parsing import neutralise, show_nul

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return force_str(value)
    if isinstance(value, int | float):
        return value
    return neutralise(show_nul(force_str(value)))


def xlsx_bytes(headings, rows, notes=None, widths=None, title=None):
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_formulas": False})
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    sheet = book.add_worksheet(title or _("Sheet1"))
    for column, heading in enumerate(headings):
        sheet.write_string(0, column, force_str(heading), bold)
        sheet.set_column(column, column, (widths or {}).get(column, 16))
    sheet.freeze_panes(1, 0)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            value = _cell(value)
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write_number(r, c, value)
    if notes:
        help_sheet = book.add_worksheet(_("How to fill in"))
        help_sheet.set_column(0, 0, 18)
        help_sheet.set_column(1, 1, 80)
        for r, (heading, note) in enumerate(notes):
            help_sheet.write_string(r, 0, force_str(heading), bold if r == 0 else None)
            help_sheet.write_string(r, 1, force_str(note))
    book.close()
    return output.getvalue()


def csv_bytes(headings, rows):
    """UTF-8 with a BOM: Excel on a Chinese Windows opens it without garbling the characters."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow([force_str(h) for h in headings])
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return text.getvalue().encode("utf-8-sig")


def download(content, filename, file_format):
    content_type = XLSX_TYPE if file_format == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    # RFC 6266 filename* so that a Chinese file name survives every browser.
    from urllib.parse import quote

    response["Content-Disposition"] = (
        f"attachment; filename=\"export.{file_format}\"; filename*=UTF-8''{quote(filename)}"
    )
    response["Cache-Control"] = "no-store"
    return response


def comparison_download(user, model, file_name, content, row_count):
    """The answer to a list compared with a registry (信息比对), as the download it is: named after
    the list, and logged as an export of what the registry knows of those people."""
    from django.contrib.contenttypes.models import ContentType

    from lantian.models import ExportRecord

    ExportRecord.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        user=user,
        file_format="compare",
        row_count=row_count,
        filters=file_name[:1000],
        masked=True,
    )
    name = _("%s (comparison).xlsx") % file_name.rsplit(".", 1)[0]
    return download(content, name, "xlsx")
