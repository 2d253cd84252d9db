"""Quarterly reports: opening a quarter, pre-filled figures, filing, return and refile, review,
the office's overview, the export and the printable summary."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from programme import workflow
from programme.models import QuarterlyReport, ReportingQuarter, ReportingUnit
from programme.quarters import CITY_TZ
from programme.views import quarter_rows

from .factories import (
    DutyFactory,
    QuarterFactory,
    ReportFactory,
    UnitFactory,
    liaison_of,
    office_user,
)

pytestmark = pytest.mark.django_db


def _filled(report, text="开展入校排查,建立服刑人员子女档案。"):
    report.work_done = text
    report.save()
    for figure in report.figures.all():
        if figure.reported_value is None:
            figure.reported_value = 0
            figure.save()
    return report


def test_opening_a_quarter_gives_every_city_department_and_township_a_draft(organisation):
    rq = QuarterFactory(year=2025, number=2, deadline=dt.date(2025, 7, 10))
    workflow.open_quarter(rq, user=None)
    units = ReportingUnit.objects.active()
    assert rq.reports.count() == units.count() >= 15 + 13
    names = set(rq.reports.values_list("unit__name", flat=True))
    assert {"市公安局", "索河街道", "环翠峪管委"} <= names
    assert "村(居)委会" not in names  # villages report through their township
    assert set(rq.reports.values_list("status", flat=True)) == {"draft"}
    # opening again changes nothing
    workflow.open_quarter(rq, user=None)
    assert rq.reports.count() == units.count()


def test_people_trained_is_prefilled_from_attendance_in_that_quarter_only():
    from training.models import Registration, TrainingSession

    unit = UnitFactory()
    rq = QuarterFactory(year=2026, number=3)

    def session(start, status="held"):
        return TrainingSession.objects.create(
            title="防拐报警知识进村培训",
            organiser=unit.department,
            start=start,
            end=start + dt.timedelta(hours=2),
            capacity=30,
            status=status,
        )

    inside = session(dt.datetime(2026, 9, 30, 20, 0, tzinfo=CITY_TZ))  # 12:00 UTC, still Q3
    after = session(dt.datetime(2026, 10, 1, 0, 30, tzinfo=CITY_TZ))  # 30 Sept UTC, but Q4
    cancelled = session(dt.datetime(2026, 8, 1, 9, 0, tzinfo=CITY_TZ), status="cancelled")
    for n, s in enumerate([inside, inside, inside, after, cancelled]):
        Registration.objects.create(
            session=s, name=f"学员{n}", phone=f"0371-6000{n:04d}", checked_in_at=s.start
        )
    Registration.objects.create(session=inside, name="未到", phone="0371-60009999")

    report = QuarterlyReport.objects.create(reporting_quarter=rq, unit=unit)
    workflow.draft_figures(report)
    trained = report.figures.get(key="people_trained")
    assert trained.system_value == Decimal(3)
    assert trained.reported_value == Decimal(3)  # pre-confirmed, the unit may correct it
    # a figure counted from another registry: no home visits were recorded
    assert report.figures.get(key="visits_made").system_value == Decimal(0)


def test_a_corrected_figure_needs_a_reason_in_chinese(client):
    report = ReportFactory()
    workflow.draft_figures(report)
    user = liaison_of(report.unit)
    client.force_login(user)
    url = reverse("programme_reports:edit", args=[report.pk])
    page = client.get(url)
    assert page.status_code == 200
    figures = list(report.figures.all())
    data = {
        "work_done": "开展家访。",
        "problems": "",
        "plans": "",
        "figures-TOTAL_FORMS": str(len(figures)),
        "figures-INITIAL_FORMS": str(len(figures)),
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "1000",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    for i, f in enumerate(figures):
        data[f"figures-{i}-id"] = str(f.pk)
        data[f"figures-{i}-ORDER"] = str(i + 1)
        data[f"figures-{i}-reported_value"] = "5" if f.key == "people_trained" else "1"
        data[f"figures-{i}-note"] = ""
    response = client.post(url, data)
    assert response.status_code == 200
    assert "不一致的原因" in response.content.decode()
    report.refresh_from_db()
    assert report.work_done == ""  # nothing saved

    data.update({f"figures-{i}-note": "系统漏记一场培训" for i in range(len(figures))})
    data["action-submit-report"] = "1"
    response = client.post(url, data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.figures.get(key="people_trained").reported_value == 5


def test_submitting_without_work_or_figures_is_refused_with_a_clear_error():
    report = ReportFactory()
    workflow.draft_figures(report)
    user = liaison_of(report.unit)
    with pytest.raises(ValidationError) as error:
        workflow.submit(report, user)
    assert "工作开展情况" in " ".join(error.value.messages)
    report.work_done = "已开展。"
    report.save()
    # every figure is counted by the system now; one the unit has cleared must be filled in
    report.figures.filter(key="visits_made").update(reported_value=None)
    with pytest.raises(ValidationError) as error:
        workflow.submit(report, user)
    assert "请确认或填写以下数据" in " ".join(error.value.messages)
    report.refresh_from_db()
    assert report.status == "draft"


def test_returned_report_is_refiled_with_revisions_and_audit_log():
    report = _filled(ReportFactory())
    workflow.draft_figures(report)
    _filled(report)
    liaison = liaison_of(report.unit)
    office = office_user()
    workflow.submit(report, liaison)
    with pytest.raises(ValidationError):
        workflow.review(report, office, accept=False, comment="")  # a return needs comments
    workflow.review(report, office, accept=False, comment="请补充入户走访数据。")
    report.refresh_from_db()
    assert report.status == "returned" and report.review_comment == "请补充入户走访数据。"
    assert report.is_editable_by_unit
    _filled(report, "已补充走访情况。")
    workflow.submit(report, liaison)
    workflow.review(report, office, accept=True)
    report.refresh_from_db()
    assert report.status == "accepted"
    actions = list(
        ModelLogEntry.objects.for_instance(report)
        .order_by("timestamp")
        .values_list("action", flat=True)
    )
    assert actions == [
        "programme.report.submit",
        "programme.report.return",
        "programme.report.resubmit",
        "programme.report.accept",
    ]
    assert report.revisions.count() == 4
    assert report.revisions.order_by("created_at").first().content["work_done"].startswith("开展")


def test_overview_shows_filed_late_and_returned_and_reminds_the_late(client, mailoutbox):
    rq = QuarterFactory(year=2026, number=3, deadline=dt.date(2026, 10, 10))
    on_time, late, returned = (ReportFactory(reporting_quarter=rq) for _ in range(3))
    late.unit.contact_email = "late@example.org"
    late.unit.save()
    office = office_user()
    for report in (on_time, returned):
        _filled(report)
        workflow.submit(report, office)
    workflow.review(returned, office, accept=False, comment="数据有误")
    rows = {r["report"].pk: r["state"] for r in quarter_rows(rq)}
    assert rows == {on_time.pk: "filed", late.pk: "late", returned.pk: "late"}
    # before the deadline nobody is late yet
    before = dt.datetime(2026, 10, 10, 23, 0, tzinfo=CITY_TZ)
    rows = {r["report"].pk: r["state"] for r in quarter_rows(rq, now=before)}
    assert rows == {on_time.pk: "filed", late.pk: "pending", returned.pk: "returned"}

    client.force_login(office)
    url = reverse("programme_quarters:overview", args=[rq.pk])
    page = client.get(url).content.decode()
    assert 'data-testid="count-late">2<' in page
    response = client.post(url, follow=True)
    assert "已向 2 个逾期单位发送提醒" in response.content.decode()
    assert [m.to for m in mailoutbox if "late@example.org" in m.to]
    assert "逾期" in mailoutbox[0].subject
    late.refresh_from_db()
    assert late.last_reminded_at is not None
    assert (
        ModelLogEntry.objects.for_instance(late).filter(action="programme.report.remind").exists()
    )


def test_a_unit_filing_after_the_deadline_is_marked_filed_late():
    rq = QuarterFactory(deadline=dt.date(2026, 10, 10))
    report = _filled(ReportFactory(reporting_quarter=rq))
    report.status = "submitted"
    report.submitted_at = dt.datetime(2026, 10, 10, 23, 59, tzinfo=CITY_TZ)
    assert not report.filed_late
    report.submitted_at = dt.datetime(2026, 10, 11, 0, 0, tzinfo=CITY_TZ)
    assert report.filed_late


def test_quarter_export_is_one_xlsx_with_chinese_headings(client):
    rq = QuarterFactory()
    report = ReportFactory(reporting_quarter=rq, unit=UnitFactory(name="市司法局"))
    workflow.draft_figures(report)
    _filled(report, "服刑人员未成年子女排查建档12人。")
    client.force_login(office_user())
    response = client.get(reverse("programme_quarters:export", args=[rq.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:3] == ("单位", "季度", "状态")
    assert "培训人数" in rows[0]
    assert rows[1][0] == "市司法局" and "服刑人员未成年子女排查建档12人。" in rows[1]


def test_printable_summary_lists_filed_reports(client):
    rq = QuarterFactory()
    report = _filled(
        ReportFactory(reporting_quarter=rq, unit=UnitFactory(name="市妇联")), "建设儿童之家3个。"
    )
    workflow.submit(report, office_user("o2"))
    client.force_login(office_user())
    page = client.get(reverse("programme_quarters:summary", args=[rq.pk])).content.decode()
    assert "建设儿童之家3个。" in page and "市妇联" in page


def test_duties_of_the_unit_are_shown_beside_the_form(client):
    duty = DutyFactory(text="负责服刑人员未成年子女排查、建档、帮扶工作")
    report = ReportFactory(unit=UnitFactory(department=duty.department))
    client.force_login(liaison_of(report.unit))
    page = client.get(reverse("programme_reports:edit", args=[report.pk])).content.decode()
    assert "负责服刑人员未成年子女排查、建档、帮扶工作" in page


def test_a_submitted_report_cannot_be_edited_by_the_unit(client):
    report = _filled(ReportFactory())
    liaison = liaison_of(report.unit)
    workflow.submit(report, liaison)
    client.force_login(liaison)
    response = client.get(reverse("programme_reports:edit", args=[report.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("programme_reports:inspect", args=[report.pk])


def test_deadline_before_the_quarter_is_refused():
    rq = ReportingQuarter(year=2026, number=3, deadline=dt.date(2026, 6, 30))
    with pytest.raises(ValidationError) as error:
        rq.full_clean()
    assert "截止日期不能早于季度开始" in str(error.value)


def test_daily_round_reminds_before_the_deadline_and_the_late_once_a_day(mailoutbox):
    from django.utils import timezone

    from programme.tasks import send_due_reminders

    today = timezone.localdate()
    due_soon = QuarterFactory(year=2025, number=4, deadline=today + dt.timedelta(days=3))
    overdue = QuarterFactory(year=2025, number=3, deadline=today - dt.timedelta(days=1))
    not_yet = QuarterFactory(year=2025, number=2, deadline=today + dt.timedelta(days=10))
    for rq in (due_soon, overdue, not_yet):
        unit = UnitFactory(contact_email=f"q{rq.number}@example.org")
        ReportFactory(reporting_quarter=rq, unit=unit)
    filed = ReportFactory(reporting_quarter=overdue, unit=UnitFactory(contact_email="ok@x.org"))
    filed.status = "submitted"
    filed.save()

    assert send_due_reminders.call() == 2
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {"q4@example.org", "q3@example.org"}
    assert "前报送" in by_address["q4@example.org"].subject
    assert "逾期" in by_address["q3@example.org"].subject
    assert "应于" in by_address["q3@example.org"].body
    assert send_due_reminders.call() == 0  # cron running twice a day sends nothing more
