"""Issue 4, referrals and guardianship intervention in the Chinese admin, end to end: a township
station refers a case to the police; the police liaison finds it on the dashboard, sees only the
shared fields, accepts, records what was done and closes it, after which the case's details are
gone from the liaison's page; the station reads the referral on the case's timeline. Then the
station records guidance and escalates to admonition with a reason. Screenshots: referral-*.png."""

import datetime
import re

from protection import roles
from protection.models import Case, Department, Township
from tests.protection.factories import staff

from .conftest import admin_login, screenshot


def _login(browser, base, user):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    admin_login(page, base, user.username, "pw")
    return page


def _submit(page):
    """Save from the keyboard: an open date picker may lie over the button."""
    page.locator("footer button[type=submit]").first.focus()
    page.keyboard.press("Enter")


def test_a_referral_to_the_police_and_an_intervention(live_site, browser):
    base = live_site.url
    township = Township.objects.get(name="索河街道")
    police = Department.objects.get(name="市公安局")
    station = staff(roles.TOWNSHIP_STAFF, townships=[township], username="station-e2e")
    liaison = staff(roles.DEPARTMENT_LIAISON, department=police, username="police-e2e")
    case = (
        Case.objects.filter(minor__township=township)
        .exclude(status=Case.Status.CLOSED)
        .select_related("minor")
        .first()
    )
    minor = case.minor
    due = datetime.date.today() + datetime.timedelta(days=7)

    # The station refers the case, from the case, to the police.
    page = _login(browser, base, station)
    page.goto(f"{base}/admin/casework/referrals/add/?case={case.pk}")
    page.select_option("select[name=department]", str(police.pk))
    page.fill("input[name=due_date]", due.isoformat())
    page.fill("input[name=access_until]", (due + datetime.timedelta(days=30)).isoformat())
    page.fill("input[name=requested_service]", "示例·对监护人进行训诫")
    page.fill("textarea[name=reason]", "示例·父亲酒后多次打骂孩子。")
    page.fill("textarea[name=legal_basis]", "示例·未成年人保护法;母亲书面同意。")
    screenshot(page, "referral-01-send", full_page=True)
    _submit(page)
    page.wait_for_selector("text=与部门共享的信息")
    reference = re.search(r"ZJ-\d{4}-\d{6}", page.content()).group()
    screenshot(page, "referral-02-sent", full_page=True)

    # The liaison: waiting on the dashboard, the shared fields only, then accept, act, close.
    desk = _login(browser, base, liaison)
    assert "等待本部门处理的转介" in desk.content() and "ZJ-" in desk.content()
    screenshot(desk, "referral-03-liaison-dashboard", full_page=True)
    desk.locator("a", has_text=reference).first.click()  # the demo has referrals of its own
    desk.wait_for_selector("text=与部门共享的信息")
    html = desk.content()
    assert minor.name in html and case.summary.splitlines()[0] in html
    assert minor.id_number not in html
    desk.locator("text=与部门共享的信息").scroll_into_view_if_needed()
    screenshot(desk, "referral-04-liaison-shared-fields")
    for label, text in [
        ("接收转介", ""),
        ("记录办理情况", "示例·已约谈父亲并进行训诫。"),
        ("办结", "示例·父亲写下保证书,一个月内无再犯。"),
    ]:
        desk.get_by_role("link", name=label, exact=True).click()
        if text:
            desk.fill("textarea[name=text]", text)
        desk.get_by_role("button", name=label, exact=True).click()
        desk.wait_for_selector("text=与部门共享的信息")
    assert "已办结" in desk.content()
    assert minor.name not in desk.content()  # access ended with the referral
    desk.locator("text=与部门共享的信息").scroll_into_view_if_needed()
    screenshot(desk, "referral-05-liaison-done")

    # The station reads it on the case's timeline.
    page.goto(f"{base}/admin/protection/cases/inspect/{case.pk}/")
    page.wait_for_selector("text=示例·父亲写下保证书")
    assert reference in page.content()
    page.locator("text=示例·父亲写下保证书").scroll_into_view_if_needed()
    screenshot(page, "referral-06-case-timeline")

    # A guardianship intervention: guidance, then admonition with a reason.
    page.goto(f"{base}/admin/casework/interventions/add/?case={case.pk}")
    page.fill("textarea[name=concern]", "示例·父亲酗酒后打骂孩子。")
    _submit(page)
    page.wait_for_selector("text=记录干预步骤")
    for stage, action, reason in [
        ("1", "示例·村督导员上门指导父亲。", ""),
        ("2", "示例·民政所约谈父亲,出具劝诫书。", "示例·指导后仍有打骂。"),
    ]:
        page.get_by_role("link", name="记录干预步骤", exact=True).click()
        page.select_option("select[name=stage]", stage)
        page.select_option("select[name=responsible_unit]", label="各乡镇(街道)")
        page.fill("textarea[name=action]", action)
        page.fill("textarea[name=escalation_reason]", reason)
        page.get_by_role("button", name="记录", exact=True).click()
        page.wait_for_selector(f"text={action}")
    assert "劝诫" in page.content() and "示例·指导后仍有打骂。" in page.content()
    page.locator("text=示例·指导后仍有打骂。").scroll_into_view_if_needed()
    screenshot(page, "referral-07-intervention-escalated")
    for p in (page, desk):
        p.context.close()
