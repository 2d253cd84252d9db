"""A village supervisor's day in the registry, in the browser: log in with the demo login, see
the dashboard of their village only, open their case, verify it with a comment, and find the
change on the case timeline; a guessed address of another township's case is "not found"."""

import io

from django.core.management import call_command

from protection.management.commands.demo_users import demo_password
from protection.models import Case

from .conftest import admin_login, screenshot


def test_village_supervisor_verifies_a_case(live_site, desktop):
    call_command("demo_users", "--force", stdout=io.StringIO())
    mine = Case.objects.filter(minor__village__name="楚庄社区", minor__township__name="索河街道")
    case = mine.get()
    if case.status != Case.Status.REPORTED:  # the demo draws a status: start from the beginning
        Case.objects.filter(pk=case.pk).update(status=Case.Status.REPORTED)
    elsewhere = Case.objects.exclude(minor__township__name="索河街道").first()
    page = desktop
    admin_login(page, live_site.url, "demo-village", demo_password("demo-village"))
    page.wait_for_selector("text=我辖区内的档案")
    screenshot(page, "protection-dashboard-village", full_page=True)
    assert "<svg" in page.content()

    page.goto(f"{live_site.url}/admin/protection/cases/")
    rows = page.locator("table.listing tbody tr")
    assert rows.count() == 1
    assert case.reference in rows.first.inner_text()
    screenshot(page, "protection-case-list-village")

    page.goto(f"{live_site.url}/admin/protection/cases/inspect/{case.pk}/")
    page.get_by_role("link", name="核实").click()
    page.fill("textarea[name=comment]", "已入户核实,情况属实。")
    page.get_by_role("button", name="核实").click()
    page.wait_for_selector("text=已入户核实,情况属实。")
    assert "已核实" in page.content()
    screenshot(page, "protection-case-verified", full_page=True)

    response = page.goto(f"{live_site.url}/admin/protection/cases/inspect/{elsewhere.pk}/")
    assert response.status == 404
    assert elsewhere.minor.name not in page.content()
