"""Visits from a village's spreadsheet, keyed on the case number and the visit date, with
Chinese headings: one bad row and nothing is saved, the row reported; a good sheet adds the
visits and moves the due dates; imported twice, it changes nothing."""

import datetime

import pytest
from django.urls import reverse

from lantian.models import ImportRecord
from monitoring.models import HomeVisit
from tests.imports.conftest import xlsx

from .conftest import row

HEADER = [
    "个案编号",
    "走访日期",
    "走访时间",
    "走访人",
    "走访人身份",
    "走访类型",
    "走访方式",
    "发现情况",
]


@pytest.fixture
def upload(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(world.users["township"])

    def _upload(rows):
        content = xlsx([HEADER, *rows])
        client.post(
            reverse("monitoring_visits:import"),
            {"file": SimpleUploadedFile("走访记录.xlsx", content)},
            follow=True,
            HTTP_ACCEPT_LANGUAGE="zh-hans",
        )
        return ImportRecord.objects.latest("pk")

    return _upload


def good_rows(world, day):
    return [
        [
            world.case_a.reference,
            day,
            "9:30",
            "示例·网格员",
            "网格员",
            "随机走访",
            "入户",
            "一切正常",
        ],
        [world.case_a2.reference, day, "", "示例·网格长", "网格长", "月回访", "入户", "家中困难"],
    ]


def test_one_bad_row_reports_the_row_and_saves_nothing(client, world, upload):
    today = datetime.date.today().isoformat()
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    rows = [
        *good_rows(world, today),
        [world.case_a.reference, future, "", "示例·网格员", "网格员", "随机走访", "入户", "未来"],
        [world.case_b.reference, today, "", "示例·网格员", "网格员", "随机走访", "入户", "外镇"],
    ]
    record = upload(rows)
    bad = {(e["row"], e["column"]) for e in record.errors}
    assert (4, "走访日期") in bad  # the future date, reported on its row and column
    assert (5, "个案编号") in bad  # township B's case reads as unknown to township A
    assert not any(e["row"] in (2, 3) for e in record.errors)
    client.post(reverse("monitoring_visits:import_confirm", args=[record.pk]))
    assert not HomeVisit.objects.exists()


def test_a_good_sheet_adds_visits_and_moves_due_dates_and_imports_again_unchanged(
    client, world, upload, high_risk_rule
):
    world.case_a.risk_level = "high"
    world.case_a.save()
    today = datetime.date.today()
    record = upload(good_rows(world, today.isoformat()))
    assert record.errors == [] and record.counts["new"] == 2
    client.post(reverse("monitoring_visits:import_confirm", args=[record.pk]))
    first = HomeVisit.objects.get(case=world.case_a)
    assert (first.visitor_role, first.kind, first.visited_time) == (
        "grid_worker",
        "random",
        datetime.time(9, 30),
    )
    assert row(world.case_a).next_due_on == today + datetime.timedelta(days=14)
    again = upload(good_rows(world, today.isoformat()))
    assert again.counts["unchanged"] == 2 and again.counts["new"] == 0
    assert HomeVisit.objects.count() == 2


def test_a_jurisdiction_changed_since_the_preview_has_the_sheet_checked_again(
    client, world, upload
):
    """The rows checked for the preview name township A's cases; when the clerk is moved to
    township B before confirming, the kept rows are not written: the sheet is checked again
    under the new jurisdiction, which no longer finds those cases, and nothing is saved."""
    record = upload(good_rows(world, datetime.date.today().isoformat()))
    assert record.errors == [] and record.counts["new"] == 2
    scope = world.users["township"].lantian_scope
    scope.townships.set([world.township_b])
    client.post(reverse("monitoring_visits:import_confirm", args=[record.pk]))
    record.refresh_from_db()
    assert record.status == ImportRecord.Status.FAILED
    assert {e["column"] for e in record.errors} == {"个案编号"}
    assert not HomeVisit.objects.exists()
