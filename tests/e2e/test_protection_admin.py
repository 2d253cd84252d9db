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


def test_township_staff_open_a_case_from_a_report_and_find_the_child(live_site, desktop):
    """The station opens a case from a neighbour's report, registering the child; finds the
    child again by ID number; the read-only leadership reads the case's history."""
    import datetime

    from protection.identity import make_id_number
    from protection.intake import receive_public_report
    from protection.models import IntakeReport, TargetCategory, Township

    call_command("demo_users", "--force", stdout=io.StringIO())
    township = Township.objects.get(name="索河街道")
    village = township.villages.first()
    receipt = receive_public_report(
        township=township,
        village=village,
        what_happened="(示例)孩子放学后常在街上徘徊到深夜。",
        reporter_kind=IntakeReport.ReporterKind.NEIGHBOUR,
    )
    report = IntakeReport.objects.get(receipt=receipt)
    born = datetime.date(2016, 4, 5)
    number = make_id_number("410199", born, 881)  # odd sequence: a boy
    page = desktop
    admin_login(page, live_site.url, "demo-township", demo_password("demo-township"))

    page.goto(f"{live_site.url}/admin/protection/intake/inspect/{report.pk}/")
    page.click(f"a[href='/admin/protection/intake/{report.pk}/open-case/']")
    page.fill("input[name=id_number]", number)
    page.fill("input[name=name]", "示例·新发现儿童")
    page.select_option("select[name=sex]", "male")
    page.fill("input[name=birth_date]", born.isoformat())
    page.select_option("select[name=village]", str(village.pk))
    category = TargetCategory.objects.get(number=3)
    page.check(f"input[name=categories][value='{category.pk}']")
    screenshot(page, "protection-open-case-form", full_page=True)
    page.click(".nice-padding form button[type=submit]")
    page.wait_for_selector("text=示例·新发现儿童")
    case = Case.objects.get(intake_report=report)
    assert f"/admin/protection/cases/inspect/{case.pk}/" in page.url
    assert receipt in page.content()  # the case links back to the report
    screenshot(page, "protection-case-opened-from-report", full_page=True)

    page.goto(f"{live_site.url}/admin/protection/minors/")
    page.click("a[href='/admin/protection/minors/find/']")
    page.fill("input[name=id_number]", number.lower())
    page.click(".nice-padding form button[type=submit]")
    page.wait_for_url(f"**/admin/protection/minors/inspect/{case.minor_id}/")
    assert number not in page.url and number not in page.content()  # masked on the page
    screenshot(page, "protection-minor-found-by-id", full_page=True)

    page.context.clear_cookies()
    admin_login(page, live_site.url, "demo-leader", demo_password("demo-leader"))
    response = page.goto(f"{live_site.url}/admin/protection/cases/history/{case.pk}/")
    assert response.status == 200
    screenshot(page, "protection-case-history-leadership", full_page=True)
