"""Low-code administration in the browser: an administrator adds 是否留守儿童 to minors and 务工地点
to guardians; both are on the form (the guardian's in the guardian inline), the first is a
listing filter, and both are columns of the import template and the export. A township user
saves "my overdue visits" and finds it on the dashboard with its count."""

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect

from lowcode import values
from lowcode.models import CustomField
from protection import roles
from protection.management.commands.demo_users import demo_password
from protection.models import Minor, StaffScope

from .conftest import admin_login, screenshot

PASSWORD = "lowcode-e2e-password"


def add_field(page, base, record_type, label, kind, place="", listing=False):
    page.goto(f"{base}/admin/lowcode/fields/add/")
    page.select_option("select[name=record_type]", record_type)
    page.fill("input[name=label_zh]", label)
    page.select_option("select[name=kind]", kind)
    page.select_option("select[name=place]", place)
    if listing:
        page.check("input[name=in_listing]")
        page.check("input[name=in_filters]")
    return page


def sheet_rows(page, url):
    response = page.request.get(url)
    assert response.ok, response.status
    book = load_workbook(io.BytesIO(response.body()), read_only=True)
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def test_an_administrator_adds_fields_and_a_township_user_pins_a_query(live_site, desktop):
    get_user_model().objects.create_superuser("lowcode-admin", password=PASSWORD)
    base = live_site.url
    admin_login(desktop, base, "lowcode-admin", PASSWORD)

    add_field(desktop, base, "minor", "是否留守儿童", "yes_no", "classification", listing=True)
    screenshot(desktop, "lowcode-field-form", full_page=True)
    desktop.get_by_role("button", name="保存").first.click()
    desktop.wait_for_url("**/admin/lowcode/fields/")
    add_field(desktop, base, "guardian", "务工地点", "text", listing=True)
    desktop.get_by_role("button", name="保存").first.click()
    desktop.wait_for_url("**/admin/lowcode/fields/")
    screenshot(desktop, "lowcode-fields-listing")
    left_behind = CustomField.objects.get(label_zh="是否留守儿童")
    work_place = CustomField.objects.get(label_zh="务工地点")

    minor = Minor.objects.filter(guardians__isnull=False).order_by("pk").first()
    desktop.goto(f"{base}/admin/protection/minors/edit/{minor.pk}/")
    desktop.select_option(f"select[name={left_behind.form_name}]", values.YES)
    desktop.fill(f"input[name=guardians-0-{work_place.form_name}]", "广州白云区")
    desktop.locator(f"select[name={left_behind.form_name}]").scroll_into_view_if_needed()
    screenshot(desktop, "lowcode-minor-form-custom-field")
    desktop.locator(f"input[name=guardians-0-{work_place.form_name}]").scroll_into_view_if_needed()
    screenshot(desktop, "lowcode-guardian-inline-custom-field")
    desktop.get_by_role("button", name="保存").first.click()
    desktop.wait_for_load_state("networkidle")
    assert values.read_one(minor)[left_behind.pk] is True
    assert (
        values.read_one(minor.guardians.order_by("sort_order", "pk").first())[work_place.pk]
        == "广州白云区"
    )

    desktop.goto(f"{base}/admin/protection/minors/?{work_place.form_name}=广州")
    assert desktop.locator(f"text={minor.name}").count() >= 1
    desktop.goto(f"{base}/admin/protection/minors/?{left_behind.form_name}=1")
    assert desktop.locator(f"text={minor.name}").count() >= 1
    assert desktop.locator("th", has_text="是否留守儿童").count() == 1
    screenshot(desktop, "lowcode-minor-listing-filtered")

    template = sheet_rows(desktop, f"{base}/admin/protection/minors/import/template/")
    headings = [str(h) for h in template[0] if h]
    if "是否留守儿童" not in headings:  # a title row above the headings
        headings = [str(h) for row in template[:5] for h in row if h]
    assert "是否留守儿童" in headings and "监护人·务工地点" in headings
    export = sheet_rows(
        desktop, f"{base}/admin/protection/minors/?export=xlsx&{left_behind.form_name}=1"
    )
    header_row = next(row for row in export if "是否留守儿童" in row)
    row = next(r for r in export if minor.name in r)
    assert row[header_row.index("是否留守儿童")] == "是"
    assert row[header_row.index("监护人·务工地点")] == "广州白云区"

    # A township user saves "my overdue visits" and sees it on the dashboard.
    clerk = get_user_model().objects.create_user(
        "lowcode-clerk", password=PASSWORD, email="c@example.invalid"
    )
    clerk.groups.add(roles.ensure_groups()[roles.TOWNSHIP_STAFF])
    StaffScope.objects.create(user=clerk, level="township").townships.set([minor.township])
    desktop.context.clear_cookies()
    admin_login(desktop, base, "lowcode-clerk", PASSWORD)
    desktop.goto(f"{base}/admin/monitoring/due/?due=overdue")
    desktop.locator("header [data-controller='w-dropdown'] button").first.click()
    desktop.get_by_role("link", name="保存此查询").click()
    desktop.fill("input[name=name]", "我的逾期走访")
    screenshot(desktop, "lowcode-save-query")
    desktop.get_by_role("button", name="保存").click()
    desktop.wait_for_load_state("networkidle")
    desktop.goto(f"{base}/admin/")
    panel = desktop.locator("section.lowcode-queries")
    assert "我的逾期走访" in panel.inner_text()
    screenshot(desktop, "lowcode-dashboard-saved-query", full_page=True)


def test_a_rule_tells_the_townships_police_liaison_of_a_violence_case(live_site, desktop):
    """A neighbour reports a beaten child; the township station opens the case from the report
    and tags it 家暴; the seeded rule e-mails that township's police liaison (the outbox), and
    the rule's firing is in the log an administrator reads."""
    from django.core import mail

    from lowcode.seed import POLICE
    from protection.intake import receive_public_report
    from protection.models import Case, Department, IntakeReport, Township

    call_command("demo_users", "--force", stdout=io.StringIO())
    township = Township.objects.get(name="索河街道")
    village = township.villages.first()
    police = Department.objects.get(name=POLICE)
    liaison = get_user_model().objects.create_user(
        "suohe-police", password=PASSWORD, email="suohe-police@example.invalid"
    )
    liaison.groups.add(roles.ensure_groups()[roles.DEPARTMENT_LIAISON])
    scope = StaffScope.objects.create(user=liaison, level="department", department=police)
    scope.townships.set([township])
    receipt = receive_public_report(
        township=township,
        village=village,
        what_happened="(示例)邻居多次听到孩子被父亲打骂哭喊。",
        reporter_kind=IntakeReport.ReporterKind.NEIGHBOUR,
    )
    report = IntakeReport.objects.get(receipt=receipt)
    mail.outbox.clear()

    admin_login(desktop, live_site.url, "demo-township", demo_password("demo-township"))
    desktop.goto(f"{live_site.url}/admin/protection/intake/{report.pk}/open-case/")
    desktop.fill("input[name=name]", "示例·被打骂的孩子")
    desktop.select_option("select[name=sex]", "female")
    desktop.fill("input[name=birth_date]", "2014-06-01")
    desktop.select_option("select[name=village]", str(village.pk))
    desktop.locator("input[name=categories]").first.check()
    desktop.get_by_label("家暴", exact=True).check()
    screenshot(desktop, "lowcode-rule-open-violence-case", full_page=True)
    desktop.click(".nice-padding form button[type=submit]")
    desktop.wait_for_selector("text=示例·被打骂的孩子")
    case = Case.objects.get(intake_report=report)

    to_liaison = [m for m in mail.outbox if liaison.email in m.to]
    assert len(to_liaison) == 1
    assert case.reference in to_liaison[0].subject
    assert "示例·被打骂的孩子" not in to_liaison[0].subject + to_liaison[0].body

    desktop.context.clear_cookies()
    get_user_model().objects.create_superuser("rule-admin", password=PASSWORD)
    admin_login(desktop, live_site.url, "rule-admin", PASSWORD)
    desktop.goto(f"{live_site.url}/admin/lowcode/firings/")
    expect(
        desktop.locator("table tbody").get_by_text("家暴个案告知乡镇公安联络员").first
    ).to_be_visible()
    screenshot(desktop, "lowcode-rule-firings", full_page=True)
