"""The leading-group office runs a quarter and a joint meeting, and reads the year's ranking
(issue 8, "Done when"), walked in the browser as the office and as a department's liaison.

The meeting decides a category-6 proposal from the case registry (the case records the decision
and its timeline says so) and assigns a task that the police close."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from programme.demo import LIAISON_GROUP, OFFICE_GROUP
from programme.models import JointMeeting, MeetingTask, QuarterlyReport, ReportingUnit
from programme.quarters import Quarter
from protection.models import CaseNote, TargetCategory
from tests.programme.factories import CaseFactory, MinorFactory

from .conftest import admin_login, screenshot

PW = "pw-for-tests"


def _user(name, group, unit=None):
    user = get_user_model().objects.create_user(name, password=PW, email=f"{name}@example.org")
    user.groups.add(Group.objects.get(name=group))
    if unit:
        unit.members.add(user)
    return user


def _logout(page, base):
    page.context.clear_cookies()


def test_office_runs_a_quarter_a_meeting_and_the_assessment(live_site, desktop):
    base = live_site.url
    page = desktop
    police = ReportingUnit.objects.get(name="市公安局")
    _user("bangongshi", OFFICE_GROUP)
    _user("gonganju", LIAISON_GROUP, police)
    quarter = Quarter.of(timezone.now())
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    deadline = max(yesterday, quarter.first_day)

    # The office opens the quarter: every unit gets a draft.
    admin_login(page, base, "bangongshi", PW)
    page.goto(f"{base}/admin/programme/quarters/add/")
    page.fill("input[name=year]", str(quarter.year))
    page.select_option("select[name=number]", str(quarter.number))
    page.fill("input[name=deadline]", deadline.isoformat())
    page.locator("footer button[type=submit]").first.click()
    page.wait_for_selector('[data-testid="quarter-overview"]')
    assert page.locator('[data-testid="count-pending"], [data-testid="count-late"]').count() == 2
    overview_url = page.url

    # The police liaison files; the office returns it with comments; it is refiled and accepted.
    report = QuarterlyReport.objects.get(
        unit=police, reporting_quarter__year=quarter.year, reporting_quarter__number=quarter.number
    )
    _logout(page, base)
    admin_login(page, base, "gonganju", PW)
    page.goto(f"{base}/admin/programme/reports/")
    assert page.locator("main", has_text="市公安局").count() == 1
    assert page.locator("main table", has_text="市教体局").count() == 0  # only its own
    page.goto(f"{base}/admin/programme/reports/edit/{report.pk}/")
    assert page.locator('[data-testid="unit-duties"]').inner_text().count("打拐") >= 1
    page.fill("textarea[name=work_done]", "开展打拐专项行动2次,护送流浪未成年人3名。")
    for field in page.locator("input[name$='-reported_value']").all():
        if not field.input_value():
            field.fill("0")
    screenshot(page, "programme-report-form", full_page=True)
    page.locator("footer .w-dropdown-button .w-dropdown__toggle").first.click()
    page.locator("button[name=action-submit-report]").click()
    page.wait_for_url(f"**/programme/reports/inspect/{report.pk}/")
    report.refresh_from_db()
    assert report.status == "submitted"

    _logout(page, base)
    admin_login(page, base, "bangongshi", PW)
    page.goto(f"{base}/admin/programme/reports/{report.pk}/review/")
    page.check("input[name=decision][value=return]")
    page.locator('[data-testid="review-form"] button[type=submit]').click()
    expect(page.locator(".error-message").first).to_have_text(
        "退回报告时请说明单位需要修改的内容。"
    )
    page.check("input[name=decision][value=return]")
    page.fill("textarea[name=comment]", "请补充网上身份比对情况。")
    page.locator('[data-testid="review-form"] button[type=submit]').click()
    page.wait_for_url(overview_url)

    _logout(page, base)
    admin_login(page, base, "gonganju", PW)
    page.goto(f"{base}/admin/programme/reports/edit/{report.pk}/")
    assert "请补充网上身份比对情况。" in page.locator('[data-testid="review-comment"]').inner_text()
    page.fill("textarea[name=work_done]", "开展打拐专项行动2次;网上身份比对15人次。")
    page.locator("footer .w-dropdown-button .w-dropdown__toggle").first.click()
    page.locator("button[name=action-submit-report]").click()
    page.wait_for_url(f"**/programme/reports/inspect/{report.pk}/")

    _logout(page, base)
    admin_login(page, base, "bangongshi", PW)
    page.goto(f"{base}/admin/programme/reports/{report.pk}/review/")
    page.check("input[name=decision][value=accept]")
    page.locator('[data-testid="review-form"] button[type=submit]').click()
    page.wait_for_url(overview_url)
    assert page.locator('tr[data-unit="市公安局"]').get_attribute("data-state") == "filed"
    assert page.locator('tr[data-unit="市教体局"]').get_attribute("data-state") == "late"
    page.locator('[data-testid="remind-late"]').click()
    page.wait_for_selector(".messages")
    assert "逾期单位发送提醒" in page.locator(".messages").inner_text()
    screenshot(page, "programme-quarter-overview", full_page=True)
    assert QuarterlyReport.objects.get(pk=report.pk).status == "accepted"
    education = QuarterlyReport.objects.get(
        unit__name="市教体局", reporting_quarter=report.reporting_quarter
    )
    assert education.last_reminded_at is not None

    # A joint meeting pulls in what needs deciding, decides and assigns a task to the police.
    page.goto(f"{base}/admin/programme/meetings/add/")
    page.fill("input[name=title]", "第四季度困境未成年人社会保护联席会议")
    page.fill("input[name=held_at]", f"{timezone.localdate().isoformat()} 09:00")
    page.fill("input[name=convener]", "市民政局")
    page.locator("footer button[type=submit]").first.click()
    page.wait_for_selector(".messages")
    meeting_id = JointMeeting.objects.get(title="第四季度困境未成年人社会保护联席会议").pk
    meeting_edit = f"{base}/admin/programme/meetings/edit/{meeting_id}/"
    proposal = CaseFactory(minor=MinorFactory(name="测试·小红"))
    proposal.categories.set([TargetCategory.objects.get(number=6)])
    proposal.save()
    page.goto(f"{base}/admin/programme/meetings/{meeting_id}/pull-in/")
    candidates = page.locator('[data-testid="agenda-candidates"]').inner_text()
    assert "市教体局" in candidates and proposal.reference in candidates
    assert "小红" not in candidates
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(meeting_edit)
    n = page.evaluate(
        """() => [...document.querySelectorAll('select[id$="-kind"]')]
            .find((s) => s.value === 'category6').id.match(/agenda_items-(\\d+)-kind/)[1]"""
    )
    page.locator(f"#id_agenda_items-{n}-outcome").select_option("approved")
    page.fill(f"#id_agenda_items-{n}-decision", "同意认定为第六类保护对象,由公安局核查身份信息。")
    page.locator("#id_tasks-ADD").click()
    page.fill("#id_tasks-0-agenda_item_title", "逾期报送督办")
    page.locator("#id_tasks-0-unit").select_option(label="市公安局")
    page.fill("#id_tasks-0-due_date", (timezone.localdate() + dt.timedelta(days=14)).isoformat())
    page.fill("#id_tasks-0-description", "核查流浪未成年人身份信息并报送结果")
    page.locator("footer button[type=submit]").first.click()
    page.wait_for_selector(".messages")
    page.goto(meeting_edit)
    screenshot(page, "programme-meeting")
    page.locator(f"#id_agenda_items-{n}-decision").scroll_into_view_if_needed()
    screenshot(page, "programme-meeting-category6-decision")
    proposal.refresh_from_db()
    assert "第四季度困境未成年人社会保护联席会议" in proposal.joint_meeting_decision
    assert CaseNote.objects.filter(case=proposal, text__contains="认定为第六类保护对象").exists()
    task = MeetingTask.objects.get(description="核查流浪未成年人身份信息并报送结果")

    # The police close the task.
    _logout(page, base)
    admin_login(page, base, "gonganju", PW)
    page.goto(f"{base}/admin/programme/tasks/")
    page.get_by_text("核查流浪未成年人身份信息并报送结果").click()
    page.fill("textarea[name=note]", "已核查5人,结果已报送民政局。")
    screenshot(page, "programme-task-close")
    page.locator('[data-testid="close-task-form"] button[type=submit]').click()
    page.wait_for_url("**/programme/tasks/")
    task.refresh_from_db()
    assert task.status == "done"

    # The year's assessment, measured from the records, ranks the units.
    _logout(page, base)
    admin_login(page, base, "bangongshi", PW)
    page.goto(f"{base}/admin/programme/assessment/")
    page.locator('[data-testid="measure-year"]').click()
    page.wait_for_selector('[data-testid="assessment-ranking"]')
    ranks = [int(r) for r in page.locator('[data-testid="rank"]').all_inner_texts()]
    assert ranks == sorted(ranks) and ranks[0] == 1
    assert page.locator('tr[data-unit="市公安局"] [data-testid="rank"]').inner_text() == "1"
    screenshot(page, "programme-assessment-ranking", full_page=True)
