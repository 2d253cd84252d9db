"""Spreadsheets built in the tests, in the shapes real village sheets take."""

import csv
import io

import pytest
import xlsxwriter


def xlsx(rows, title_rows=(), merge_title=True):
    """An xlsx file: optional title rows merged across the table above the header."""
    output = io.BytesIO()
    book = xlsxwriter.Workbook(output, {"in_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet("Sheet1")
    width = max(len(r) for r in rows)
    offset = 0
    for title in title_rows:
        if merge_title and width > 1:
            sheet.merge_range(offset, 0, offset, width - 1, title)
        else:
            sheet.write_string(offset, 0, title)
        offset += 1
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, int | float):
                sheet.write_number(offset + r, c, value)
            else:
                sheet.write_string(offset + r, c, value)
    book.close()
    return output.getvalue()


def csv_file(rows, encoding="utf-8"):
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return text.getvalue().encode(encoding)


@pytest.fixture
def upload(admin_client):
    """Upload a file to a registry's import screen; returns the response after redirects."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    def _upload(url, name, content, client=admin_client):
        return client.post(url, {"file": SimpleUploadedFile(name, content)}, follow=True)

    return _upload
