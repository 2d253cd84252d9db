"""The issue's journeys in the browser: an editor writes, submits and schedules a news article
and a reviewer approves it; a volunteer applies and staff approve; a citizen reports a child at
a phone viewport and the township's staff sees it. Screenshots in test-results/screenshots/."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Revision

from content.models import NewsArticlePage, Volunteer
from content.moderation import EDITORS, REVIEWERS, VOLUNTEER_STAFF
from protection import roles
from protection.models import IntakeReport, Township
from tests.protection.factories import staff

from .conftest import admin_login, screenshot

PASSWORD = "pw-for-tests"


def _user(name, group):
    user = get_user_model().objects.create_user(name, password=PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user


def _click_action(page, selector):
    """Footer actions hide in a drop-down; open it when the action is not visible yet."""
    button = page.locator(selector).first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    button.click()


def test_editor_writes_submits_and_schedules_and_a_reviewer_approves(live_site, desktop):
    _user("editor", EDITORS)
    _user("reviewer", REVIEWERS)
    base = live_site.url
    news_id = NewsArticlePage.objects.first().get_parent().pk

    admin_login(desktop, base, "editor", PASSWORD)
    desktop.goto(f"{base}/admin/pages/add/content/newsarticlepage/{news_id}/")
    desktop.fill("#id_title", "儿童节关爱困境儿童活动预告")
    desktop.fill("#id_summary", "六一儿童节，志愿者将走访困境儿童家庭。")
    desktop.locator("[data-streamfield-stream-container] button, .c-sf-add-button").first.click()
    desktop.get_by_role("option", name="富文本").first.click()
    editor = desktop.locator(".public-DraftEditor-content").first
    editor.click()
    editor.type("活动当天，各乡镇(街道)志愿者服务站将组织志愿者走访困境儿童家庭。")
    # Schedule: go live tomorrow morning, through the status panel's schedule dialog.
    go_live = (timezone.localtime() + datetime.timedelta(days=1)).replace(hour=9, minute=0)
    desktop.locator("[data-side-panel-toggle='status']").click()
    desktop.locator("[data-a11y-dialog-show='schedule-publishing-dialog']").first.click()
    dialog = desktop.locator("#schedule-publishing-dialog")
    dialog.locator("input[name=go_live_at]").fill(go_live.strftime("%Y-%m-%d %H:%M"))
    screenshot(desktop, "content-editor-schedule")
    # The date picker's pop-up covers the button; the click is the editor's "保存计划".
    dialog.locator("button[type=submit]").first.dispatch_event("click")
    desktop.wait_for_url("**/edit/")
    _click_action(desktop, "button[name=action-submit]")
    desktop.wait_for_url("**/admin/pages/*/")
    screenshot(desktop, "content-editor-submitted")
    article = NewsArticlePage.objects.get(title="儿童节关爱困境儿童活动预告")
    assert not article.live
    assert article.current_workflow_state.status == "in_progress"

    desktop.context.clear_cookies()
    admin_login(desktop, base, "reviewer", PASSWORD)
    desktop.goto(f"{base}/admin/pages/{article.pk}/edit/")
    screenshot(desktop, "content-reviewer-before-approval")
    _click_action(
        desktop,
        "button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])",
    )
    desktop.wait_for_load_state("networkidle")
    screenshot(desktop, "content-reviewer-approved")
    article.refresh_from_db()
    revision = article.latest_revision
    assert article.current_workflow_state is None
    assert not article.live  # scheduled, not yet public
    assert revision.approved_go_live_at is not None

    # The go-live time arrives: Wagtail's scheduler (cron: publish_scheduled) publishes it.
    assert revision.approved_go_live_at == go_live.replace(second=0, microsecond=0)
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.content["go_live_at"] = past.isoformat()
    Revision.objects.filter(pk=revision.pk).update(
        approved_go_live_at=past, content=revision.content
    )
    call_command("publish_scheduled")
    desktop.goto(f"{base}/news/")
    expect(desktop.get_by_text("儿童节关爱困境儿童活动预告")).to_be_visible()
    screenshot(desktop, "content-news-after-go-live", full_page=True)


def test_a_volunteer_applies_and_staff_approve(live_site, phone, desktop):
    _user("youth", VOLUNTEER_STAFF)
    base = live_site.url
    phone.goto(f"{base}/volunteer/")
    phone.get_by_role("link", name="报名做志愿者").click()
    phone.fill("#id_name", "示例·王志愿")
    phone.fill("#id_phone", "0371-10004444")
    phone.select_option("#id_township", label="京城路街道")
    phone.get_by_label("学业辅导").check()
    phone.get_by_label("周末").check()
    screenshot(phone, "content-volunteer-form", full_page=True)
    phone.get_by_role("button", name="提交报名").click()
    expect(phone.locator('[data-testid="confirmation"]')).to_be_visible()
    screenshot(phone, "content-volunteer-confirmation")
    volunteer = Volunteer.objects.get(name="示例·王志愿")

    admin_login(desktop, base, "youth", PASSWORD)
    desktop.goto(f"{base}/admin/content/volunteers/edit/{volunteer.pk}/")
    desktop.select_option("#id_status", value="approved")
    desktop.locator("footer button[type=submit]").first.click()
    desktop.wait_for_url("**/admin/content/volunteers/")
    screenshot(desktop, "content-volunteer-approved")
    volunteer.refresh_from_db()
    assert volunteer.status == Volunteer.Status.APPROVED
    expect(desktop.locator("table tbody").get_by_text("已通过").first).to_be_visible()


def test_a_citizen_reports_on_a_phone_and_the_township_staff_sees_it(live_site, phone, desktop):
    township = Township.objects.get(name="乔楼镇")
    staff(roles.TOWNSHIP_STAFF, townships=[township], username="qiaolou")
    user = get_user_model().objects.get(username="qiaolou")
    user.set_password(PASSWORD)
    user.save()
    base = live_site.url

    phone.goto(f"{base}/")
    phone.get_by_role("link", name="发现困境儿童？告诉我们").click()
    phone.select_option("#id_township", label="乔楼镇")
    phone.fill("#id_what_happened", "示例：邻居家孩子多日无人照料，晚上独自在家。")
    phone.fill("#id_child_age", "约7岁")
    phone.get_by_label("学校").check()
    screenshot(phone, "content-report-form", full_page=True)
    phone.get_by_role("button", name="提交报告").click()
    receipt = phone.locator('[data-testid="receipt"]').inner_text()
    screenshot(phone, "content-report-receipt")
    assert receipt.startswith("LT-")
    assert "无人照料" not in phone.content()
    assert IntakeReport.objects.get(receipt=receipt).township == township

    admin_login(desktop, base, "qiaolou", PASSWORD)
    desktop.goto(f"{base}/admin/protection/intake/")
    expect(desktop.get_by_text(receipt).first).to_be_visible()
    screenshot(desktop, "content-report-seen-by-township")
