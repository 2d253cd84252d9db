"""A township station's morning, in the browser: the dashboard counts the visits overdue in its
own township; the overdue list leads to a case; a revisit by the role its rule asks for,
recorded from there, moves the case's next due date."""

import io

from django.core.management import call_command

from monitoring import demo as monitoring_demo
from monitoring.models import CaseMonitoring
from protection.management.commands.demo_users import demo_password

from .conftest import admin_login, screenshot


def test_township_staff_records_an_overdue_visit(live_site, desktop):
    call_command("demo_users", "--force", stdout=io.StringIO())
    monitoring_demo.load(io.StringIO())
    page = desktop
    admin_login(page, live_site.url, "demo-township", demo_password("demo-township"))
    page.wait_for_selector("text=我辖区内的走访与快速响应")
    screenshot(page, "monitoring-dashboard-township", full_page=True)

    page.get_by_role("link", name="逾期未走访").click()
    page.wait_for_selector("table.listing tbody tr")
    rows = page.locator("table.listing tbody tr")
    assert rows.count() >= 1
    listed = rows.first.inner_text()
    overdue = CaseMonitoring.objects.filter(township__name="索河街道", is_open=True)
    case = next(r.case for r in overdue.select_related("case") if r.case.reference in listed)
    assert "逾期" in listed
    screenshot(page, "monitoring-overdue-list-township")

    state = CaseMonitoring.objects.select_related("due_rule").get(pk=case.pk)
    before, role = state.next_due_on, state.due_rule.visitor_role or "grid_leader"
    page.goto(f"{live_site.url}/admin/monitoring/due/inspect/{case.pk}/")
    page.get_by_role("link", name="登记走访").click()
    page.select_option("select[name=visitor_role]", role)
    page.select_option("select[name=kind]", "monthly")
    page.fill("textarea[name=findings]", "入户回访,孩子在家,祖母照料良好。")
    screenshot(page, "monitoring-visit-form", full_page=True)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{live_site.url}/admin/monitoring/visits/")

    assert CaseMonitoring.objects.get(pk=case.pk).next_due_on > before
    page.goto(f"{live_site.url}/admin/monitoring/due/inspect/{case.pk}/")
    visits = page.locator("table.listing tbody tr")
    assert "月回访" in visits.first.inner_text()
    screenshot(page, "monitoring-case-after-visit", full_page=True)
