"""A department's list compared with the registry from the queue's screen: a small list answered
at once, a large one in the background with its progress and the answer to download when it is
ready, seen only by the user who uploaded it, and gone a day later."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from python_calamine import CalamineWorkbook

from comparison import lists
from comparison.models import ListComparison
from lantian.models import ExportRecord
from protection import roles
from protection.identity import make_id_number
from protection.models import Minor
from protection.resources import MinorResource

from ..imports.conftest import csv_file
from ..protection.factories import MinorFactory, VillageFactory, staff

LISTS = "/admin/comparison/lists/"
BORN = datetime.date(2015, 10, 14)
KNOWN_ID = make_id_number("410182", BORN, 11)


@pytest.fixture
def registry(db):
    village = VillageFactory(name="槐西村")
    MinorFactory(name="王小明", sex="male", birth_date=BORN, village=village, id_number=KNOWN_ID)
    return village


def department_list(extra_rows=0):
    rows = [
        ["姓名", "性别", "出生日期", "身份证号"],
        ["王小明", "男", "2015-10-14", KNOWN_ID],
        ["孙丽", "女", "2012-03-01", ""],
    ]
    rows += [[f"孙{n}", "女", "2012-03-01", ""] for n in range(extra_rows)]
    return csv_file(rows)


def outcomes(content):
    rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    column = rows[0].index("比对结果")
    return [(row[0], row[column]) for row in rows[1:]]


def send(client, content, name="司法局名单.csv"):
    return client.post(LISTS, {"file": SimpleUploadedFile(name, content)})


def test_a_small_list_is_answered_at_once(admin_client, registry):
    response = send(admin_client, department_list())
    assert response["Content-Type"].startswith("application/vnd.openxml")
    assert outcomes(response.content) == [("王小明", "已登记"), ("孙丽", "新增")]
    assert not ListComparison.objects.exists()
    assert Minor.objects.count() == 1  # nothing imported
    log = ExportRecord.objects.get()
    assert (log.file_format, log.row_count, log.filters) == ("compare", 2, "司法局名单.csv")


def test_a_large_list_is_compared_in_the_background_and_downloaded_when_ready(
    admin_client, registry, monkeypatch
):
    monkeypatch.setattr(lists, "BACKGROUND_BYTES", 100)
    content = department_list(extra_rows=20)
    assert len(content) >= 100
    response = send(admin_client, content)
    comparison = ListComparison.objects.get()
    assert response["Location"] == f"{LISTS}{comparison.pk}/"
    # The immediate backend of the tests has run the task by now.
    assert (comparison.status, comparison.total_rows) == ("done", 22)
    assert comparison.content is None  # the list itself is not kept
    assert "王小明".encode() not in bytes(comparison.result)  # the answer is kept encrypted

    page = admin_client.get(response["Location"]).content.decode()
    assert "可以下载" in page and "已比对行数：22" in page
    assert 'http-equiv="refresh"' not in page
    assert not ExportRecord.objects.exists()  # nothing handed out yet
    download = admin_client.get(f"{LISTS}{comparison.pk}/download/")
    assert outcomes(download.content)[:2] == [("王小明", "已登记"), ("孙丽", "新增")]
    assert ExportRecord.objects.get().row_count == 22
    assert "司法局名单.csv" in admin_client.get(LISTS).content.decode()


def test_the_progress_shows_while_the_comparison_runs(admin_client, registry):
    user_id = int(admin_client.session["_auth_user_id"])
    comparison = ListComparison.objects.create(
        user_id=user_id, file_name="big.xlsx", status="running", total_rows=200, processed_rows=50
    )
    page = admin_client.get(f"{LISTS}{comparison.pk}/").content.decode()
    assert '<progress id="comparison-progress" max="100" value="25">' in page
    assert "已比对 25%" in page and "正在比对" in page
    assert 'http-equiv="refresh"' in page
    assert admin_client.get(f"{LISTS}{comparison.pk}/download/").status_code == 404


def test_the_comparison_reports_reading_then_comparing(registry):
    heard = []
    MinorResource(user=staff(roles.CITY_OFFICE, username="city")).compare_sheet(
        department_list(extra_rows=1200), "a.csv", progress=lambda done, total: heard.append(done)
    )
    assert heard == sorted(heard) and heard[0] == 0
    assert heard[-1] >= 1202  # the comparing half was reported too


def test_an_unreadable_large_list_says_so(admin_client, registry, monkeypatch):
    monkeypatch.setattr(lists, "BACKGROUND_BYTES", 10)
    send(admin_client, csv_file([["编号", "单位"], ["1", "一中"]]), name="错.csv")
    comparison = ListComparison.objects.get()
    assert comparison.status == "failed" and comparison.content is None
    page = admin_client.get(f"{LISTS}{comparison.pk}/").content.decode()
    assert "无法比对" in page and "找不到表头" in page


def test_only_the_uploader_sees_a_list_and_its_answer(client, admin_client, registry, monkeypatch):
    monkeypatch.setattr(lists, "BACKGROUND_BYTES", 10)
    send(admin_client, department_list())
    comparison = ListComparison.objects.get()
    client.force_login(staff(roles.CITY_OFFICE, username="another"))
    assert client.get(f"{LISTS}{comparison.pk}/").status_code == 404
    assert client.get(f"{LISTS}{comparison.pk}/download/").status_code == 404
    assert "司法局名单.csv" not in client.get(LISTS).content.decode()


def test_leadership_which_may_not_import_minors_may_not_compare_lists(client, registry):
    client.force_login(staff(roles.LEADERSHIP, username="leader"))
    response = send(client, department_list())
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not ExportRecord.objects.exists()


def test_a_list_and_its_answer_are_deleted_a_day_later(admin_client, registry):
    user_id = int(admin_client.session["_auth_user_id"])
    old = ListComparison.objects.create(user_id=user_id, file_name="old.csv", status="done")
    ListComparison.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )
    fresh = ListComparison.objects.create(user_id=user_id, file_name="new.csv", status="done")
    admin_client.get(LISTS)
    assert list(ListComparison.objects.all()) == [fresh]


def test_the_minor_listings_compare_screen_may_hand_a_large_list_to_the_background(
    rf, admin_user, registry, monkeypatch
):
    """The hook lantian.imports' compare screen calls (it may not import this app)."""
    from wagtail import hooks

    from protection.resources import TownshipResource

    (hook,) = hooks.get_hooks("lantian_compare_in_background")
    request = rf.post(LISTS)
    request.user = admin_user
    monkeypatch.setattr(lists, "BACKGROUND_BYTES", len(department_list()) + 1)
    small = SimpleUploadedFile("小.csv", department_list())
    assert hook(request, MinorResource(user=admin_user), small) is None
    large = SimpleUploadedFile("大.csv", department_list(extra_rows=20))
    assert hook(request, TownshipResource(user=admin_user), large) is None
    url = hook(request, MinorResource(user=admin_user), large)
    comparison = ListComparison.objects.get()
    assert url == f"{LISTS}{comparison.pk}/"
    assert (comparison.user, comparison.status, comparison.total_rows) == (admin_user, "done", 22)


def test_the_hourly_purge_deletes_lists_older_than_a_day(admin_user, registry):
    from django.core.management import call_command

    old = ListComparison.objects.create(user=admin_user, file_name="old.csv", status="done")
    ListComparison.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=1, minutes=1)
    )
    fresh = ListComparison.objects.create(user=admin_user, file_name="new.csv", status="done")
    out = io.StringIO()
    call_command("purge_list_comparisons", stdout=out)
    assert list(ListComparison.objects.all()) == [fresh]
    assert out.getvalue() == "1 compared lists deleted\n"


def test_a_large_list_sent_from_the_minor_listing_goes_to_the_background(
    admin_client, registry, monkeypatch
):
    """The minor listing's own "compare a list" button reaches the same background comparison."""
    monkeypatch.setattr(lists, "BACKGROUND_BYTES", len(department_list()) + 1)
    url = reverse("protection_minors:compare")
    response = admin_client.post(
        url, {"file": SimpleUploadedFile("教育局名单.csv", department_list(20))}
    )
    comparison = ListComparison.objects.get()
    assert response["Location"] == f"{LISTS}{comparison.pk}/"
    assert comparison.status == "done"

    small = admin_client.post(url, {"file": SimpleUploadedFile("小名单.csv", department_list())})
    assert small["Content-Type"].startswith("application/vnd.openxml")
    assert ListComparison.objects.count() == 1
