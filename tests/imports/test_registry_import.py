"""Importing townships and departments through the admin: upload, the checked preview, confirm.

The township registry is the first to carry the import button; what holds here holds for every
registry that switches it on (the machinery is one)."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import ModelLogEntry

from lantian.imports import service
from lantian.models import ImportedObject, ImportRecord
from protection.models import Department, Township

from .conftest import csv_file, xlsx
from .factories import DepartmentFactory, TownshipFactory

TOWNSHIPS = "/admin/protection/townships/"
IMPORT = TOWNSHIPS + "import/"
HEADER = ["名称", "类型", "排序", "指导站", "热线", "指导站地址"]


def text(response):
    return response.content.decode()


def record():
    return ImportRecord.objects.latest("pk")


def confirm(client, rec):
    return client.post(f"{IMPORT}{rec.pk}/confirm/", follow=True)


@pytest.fixture
def township(db):
    return TownshipFactory(name="乔楼镇", kind="town", hotline="0371-10001104", sort_order=4)


def test_the_listing_offers_import_and_the_template(admin_client, township):
    page = text(admin_client.get(TOWNSHIPS))
    assert IMPORT in page
    assert IMPORT + "template/" in page
    assert "导入" in page


def test_a_valid_sheet_is_previewed_then_saved_only_on_confirmation(admin_client, upload, township):
    content = xlsx(
        [
            HEADER,
            ["高山镇", "镇", 11, "高山镇指导站", "0371-10001110", "高山镇政府院内"],
            ["乔楼", "镇", 4, "", "0371-10009999", ""],  # 乔楼 is 乔楼镇: an update
        ],
        title_rows=["荥阳市乡镇(街道)指导站一览表"],
    )
    response = upload(IMPORT, "乡镇.xlsx", content)
    page = text(response)
    assert response.status_code == 200
    rec = record()
    assert rec.status == ImportRecord.Status.CHECKED
    assert rec.counts | {"headings": None} == {
        "new": 1,
        "updated": 1,
        "unchanged": 0,
        "invalid": 0,
        "duplicates": 0,
        "total": 2,
        "headings": None,
    }
    assert "导入：1 条新增，1 条更新" in page
    assert not Township.objects.filter(name="高山镇").exists()  # the check wrote nothing

    page = text(confirm(admin_client, rec))
    assert "已导入" in page
    gaoshan = Township.objects.get(name="高山镇")
    assert (gaoshan.kind, gaoshan.station_address) == ("town", "高山镇政府院内")
    township.refresh_from_db()
    assert township.hotline == "0371-10009999"
    assert Township.objects.count() == 2  # no second 乔楼
    rec.refresh_from_db()
    assert rec.status == ImportRecord.Status.DONE
    assert rec.content is None and rec.errors == [] and rec.preview == []
    written = ImportedObject.objects.filter(record=rec)
    assert {(o.object_id, o.created) for o in written} == {
        (str(gaoshan.pk), True),
        (str(township.pk), False),
    }
    history = ModelLogEntry.objects.filter(object_id=str(gaoshan.pk), action="wagtail.create")
    assert history.get().data["import"] == rec.pk
    assert ModelLogEntry.objects.filter(action="lantian.import", object_id=str(rec.pk)).exists()


def test_imported_townships_are_found_by_search_at_once(admin_client, upload, township):
    from wagtail.search.backends import get_search_backend

    upload(IMPORT, "a.csv", csv_file([HEADER, ["崔庙镇", "镇", 12, "", "", ""]]))
    confirm(admin_client, record())
    found = list(get_search_backend().autocomplete("崔庙", Township))
    assert [t.name for t in found] == ["崔庙镇"]


def test_invalid_cells_are_listed_with_row_column_value_and_reason(admin_client, upload, township):
    content = xlsx(
        [
            HEADER,
            ["高村乡", "村", 8, "", "0371-1", ""],
            ["", "镇", "八", "", "", ""],
            ["广武镇", "镇", 6, "", "电话:110", ""],
            ["广武镇", "镇", 7, "", "", ""],
            ["", "", "", "", "", ""],
            ["", "", "", "", "", ""],
        ]
    )
    page = text(upload(IMPORT, "坏表.xlsx", content))
    rec = record()
    assert rec.counts["invalid"] == 4 and rec.counts["total"] == 4
    assert rec.errors == [
        {
            "row": 2,
            "column": "类型",
            "value": "村",
            "reason": "不是可选值之一：街道、镇、乡、民族乡、管委会",
        },
        {"row": 3, "column": "排序", "value": "八", "reason": "不是整数"},
        {"row": 3, "column": "名称", "value": "", "reason": "必填"},
        {
            "row": 4,
            "column": "热线",
            "value": "电话:110",
            "reason": "请输入电话号码：只能包含数字、空格、连字符和括号。",
        },
        {"row": 5, "column": "名称", "value": "广武镇", "reason": "与本文件第4行重复"},
    ]
    assert "与本文件第4行重复" in page
    assert "导入：" not in page  # no confirm button
    assert confirm(admin_client, rec).status_code == 200
    assert Township.objects.count() == 1  # nothing saved, even when confirm is forced


def test_the_error_report_is_the_sheet_with_an_error_column(admin_client, upload, township):
    from python_calamine import CalamineWorkbook

    content = xlsx([HEADER, ["高村乡", "村", 8, "", "", ""], ["汜水镇", "镇", 9, "", "", ""]])
    upload(IMPORT, "坏表.xlsx", content)
    response = admin_client.get(f"{IMPORT}{record().pk}/errors/")
    assert response["Content-Type"].startswith("application/vnd.openxml")
    import io

    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0)
    rows = rows.to_python()
    assert rows[0][-1] == "错误"
    assert rows[1][0] == "高村乡" and "「类型」“村”：不是可选值之一" in rows[1][-1]
    assert rows[2][0] == "汜水镇" and rows[2][-1] == ""


def test_a_missing_key_column_refuses_the_whole_file(admin_client, upload, township):
    page = text(upload(IMPORT, "a.csv", csv_file([["类型", "热线"], ["镇", "0371-1"]])))
    assert "表格中没有“名称”列，无法确定每一行对应哪条记录。" in page
    assert record().status == ImportRecord.Status.FAILED


def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_error(admin_client, upload, township):
    page = text(upload(IMPORT, "a.pdf", b"%PDF-1.4"))
    assert "请上传 xlsx、xls 或 csv 文件。" in page
    assert not ImportRecord.objects.exists()


def test_the_rows_are_all_written_or_none(admin_client, upload, township, monkeypatch):
    upload(IMPORT, "a.csv", csv_file([HEADER, ["刘河镇", "镇", 13, "", "", ""]]))

    def fail(*args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(service.indexing, "update_reference_index", fail)
    page = text(confirm(admin_client, record()))
    assert "数据库拒绝了这些行，因此没有导入任何数据。" in page
    assert not Township.objects.filter(name="刘河镇").exists()
    assert not ImportedObject.objects.exists()


def test_large_files_run_in_the_background_with_progress(
    admin_client, upload, township, monkeypatch
):
    monkeypatch.setattr(service, "BACKGROUND_BYTES", 10)
    rows = [HEADER] + [[f"测试{n}镇", "镇", n, "", "", ""] for n in range(30)]
    upload(IMPORT, "big.csv", csv_file(rows))
    rec = record()
    # The immediate backend in tests has run the task by now; the page shows where it stands.
    assert rec.status == ImportRecord.Status.CHECKED and rec.total_rows == 30
    page = text(confirm(admin_client, rec))
    assert Township.objects.count() == 31
    assert "已导入" in page


def test_a_running_import_shows_a_progress_bar_and_refreshes(admin_client, township):
    from django.contrib.contenttypes.models import ContentType

    from lantian.models import ImportRecord as R

    rec = R.objects.create(
        content_type=ContentType.objects.get_for_model(Township),
        user=admin_client.session and None,
        resource="protection.resources.TownshipResource",
        file_name="big.xlsx",
        status=R.Status.IMPORTING,
        total_rows=200,
        processed_rows=50,
    )
    rec.user_id = int(admin_client.session["_auth_user_id"])
    rec.save()
    page = text(admin_client.get(f"{IMPORT}{rec.pk}/"))
    assert '<progress id="import-progress" max="100" value="25">' in page
    assert 'http-equiv="refresh"' in page


def test_the_template_carries_the_chinese_headings(admin_client, township):
    import io

    from python_calamine import CalamineWorkbook

    response = admin_client.get(IMPORT + "template/")
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.get_sheet_by_index(0).to_python()[0] == [*HEADER, "系统编号"]
    notes = book.get_sheet_by_index(1).to_python()
    assert notes[-1] == ["系统编号", "由导出填写，请勿改动；新增记录请留空。"]
    assert notes[1][0] == "名称" and notes[1][1].startswith("必填")


def test_departments_import_with_yes_and_no(admin_client, upload, db):
    DepartmentFactory(name="市民政局", is_lead_office=True)
    content = csv_file(
        [["名称", "级别", "排序", "领导小组办公室"], ["市残联", "市直部门", 20, "否"]], "gbk"
    )
    upload("/admin/protection/departments/import/", "部门.csv", content)
    admin_client.post(f"/admin/protection/departments/import/{record().pk}/confirm/")
    assert Department.objects.get(name="市残联").is_lead_office is False


@pytest.fixture
def editor(db, django_user_model):
    """A registry clerk who may view townships but not add or change them."""
    user = django_user_model.objects.create_user("clerk", password="pw")
    group = Group.objects.create(name="clerks")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_township"),
    )
    user.groups.add(group)
    return user


def test_import_needs_add_and_change_permission(client, editor, township):
    client.force_login(editor)
    assert client.get(IMPORT).status_code == 302  # Wagtail sends it back with a message
    assert IMPORT not in text(client.get(TOWNSHIPS))


def test_another_users_import_is_not_found(
    client, upload, admin_client, django_user_model, township
):
    upload(IMPORT, "a.csv", csv_file([HEADER, ["刘河镇", "镇", 13, "", "", ""]]))
    other = django_user_model.objects.create_user("other", password="pw", is_staff=True)
    group = Group.objects.create(name="editors")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__in=["add_township", "change_township"]),
    )
    other.groups.add(group)
    client.force_login(other)
    assert client.get(f"{IMPORT}{record().pk}/").status_code == 404
    assert client.get(f"{IMPORT}{record().pk}/errors/").status_code == 404


def test_the_finished_import_lists_the_records_it_wrote(admin_client, upload, township):
    upload(IMPORT, "a.csv", csv_file([HEADER, ["刘河镇", "镇", 13, "", "", ""]]))
    rec = record()
    confirm(admin_client, rec)
    page = text(admin_client.get(f"{IMPORT}{rec.pk}/"))
    liuhe = Township.objects.get(name="刘河镇")
    assert f'href="{TOWNSHIPS}edit/{liuhe.pk}/">刘河镇</a>' in page
