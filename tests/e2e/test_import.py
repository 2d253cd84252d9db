"""A township clerk brings a village's archive sheet in: the listing's 导入, a messy sheet whose
errors are shown cell by cell, the corrected sheet previewed and confirmed, the children in the
listing; then a department's list compared without importing it."""

import datetime

from django.contrib.auth import get_user_model

from protection.identity import make_id_number
from protection.models import Minor, Village

from ..imports.conftest import xlsx
from .conftest import admin_login, screenshot

PASSWORD = "import-e2e-password"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["姓名", "性别", "出生日期", "身份证号", "乡镇(街道)", "村(居)委会"]


def sheet(rows):
    return xlsx([HEADER, *rows], title_rows=["荥阳市困境未成年人信息档案"])


def test_a_clerk_imports_a_village_sheet_after_correcting_it(live_site, desktop):
    get_user_model().objects.create_superuser("importer", password=PASSWORD)
    village = Village.objects.select_related("township").first()
    township = village.township.name
    born = datetime.date(2015, 10, 14)
    good = make_id_number("410182", born, 991)
    bad = good[:-1] + ("1" if good[-1] != "1" else "2")
    base = live_site.url
    admin_login(desktop, base, "importer", PASSWORD)
    before = Minor.objects.count()

    desktop.goto(f"{base}/admin/protection/minors/")
    desktop.locator("header [data-controller='w-dropdown'] button").first.click()
    desktop.get_by_role("link", name="导入", exact=True).click()
    desktop.wait_for_url("**/minors/import/")
    rows = [
        ["测试·王小明", "男", "2015年10月14日", bad, township, village.name],
        ["测试·李小红", "女", "2015-10-14", "", township[:2], village.name],
    ]
    desktop.set_input_files(
        "input[name=file]", files=[{"name": "档案.xlsx", "mimeType": XLSX, "buffer": sheet(rows)}]
    )
    desktop.get_by_role("button", name="检查文件").click()
    desktop.wait_for_selector("#import-errors")
    errors = desktop.locator("#import-errors tbody tr")
    assert errors.count() == 1
    assert "身份证号" in errors.first.inner_text()
    assert desktop.get_by_role("button", name="导入：").count() == 0
    screenshot(desktop, "import-minors-errors", full_page=True)
    assert Minor.objects.count() == before

    desktop.get_by_role("link", name="上传其他文件").click()
    rows[0][3] = good
    desktop.set_input_files(
        "input[name=file]", files=[{"name": "档案.xlsx", "mimeType": XLSX, "buffer": sheet(rows)}]
    )
    desktop.get_by_role("button", name="检查文件").click()
    confirm = desktop.get_by_role("button", name="导入：2 条新增，0 条更新")
    confirm.wait_for()
    screenshot(desktop, "import-minors-preview", full_page=True)
    confirm.click()
    desktop.wait_for_selector("text=已导入：新增 2 条，更新 0 条。")
    screenshot(desktop, "import-minors-done")
    assert Minor.objects.count() == before + 2
    assert Minor.objects.get(name="测试·王小明").id_number == good

    desktop.goto(f"{base}/admin/protection/minors/?q=测试")
    assert desktop.locator("text=测试·李小红").count() >= 1
    screenshot(desktop, "import-minors-listing")


def test_a_reviewer_merges_two_records_of_one_child_and_undoes_it(live_site, desktop):
    """信息比对: the registry compared on demand, the pair reviewed side by side, merged, undone."""
    from comparison.models import CandidatePair

    get_user_model().objects.create_superuser("reviewer", password=PASSWORD)
    village = Village.objects.select_related("township").first()
    born = datetime.date(2014, 6, 1)
    first = Minor.objects.create(
        name="测试·张伟", sex="male", birth_date=born, village=village,
        township=village.township, id_number=make_id_number("410199", born, 991),
    )  # fmt: skip
    second = Minor.objects.create(
        name="测试·章伟", sex="male", birth_date=born, village=village, township=village.township
    )
    base = live_site.url
    admin_login(desktop, base, "reviewer", PASSWORD)

    desktop.goto(f"{base}/admin/comparison/run/")
    desktop.get_by_role("button", name="立即比对档案库").click()
    desktop.wait_for_url("**/admin/comparison/")
    link = desktop.get_by_role("link", name="测试·张伟（2014-06-01")
    link.first.wait_for()
    screenshot(desktop, "comparison-queue", full_page=True)
    link.first.click()
    desktop.get_by_role("button", name="同一儿童：保留第一条记录").wait_for()
    screenshot(desktop, "comparison-review", full_page=True)
    desktop.get_by_role("button", name="同一儿童：保留第一条记录").click()
    desktop.get_by_role("button", name="撤销合并").wait_for()
    screenshot(desktop, "comparison-merged", full_page=True)
    second.refresh_from_db()
    assert second.merged_into_id == first.pk

    desktop.get_by_role("button", name="撤销合并").click()
    desktop.get_by_role("button", name="不同儿童").wait_for()
    second.refresh_from_db()
    assert second.merged_into_id is None
    assert CandidatePair.objects.get(minor=first, other=second).status == "proposed"
