"""Issue 4, "Done when": township staff take a case from report to closure in the Chinese admin.

The case is verified, assessed and put in service (protection's lifecycle); a grid worker's home
visit is recorded (monitoring); the case is referred to the police, whose liaison accepts it,
records what was done and completes it (casework); the child is placed with a foster family and
a relief application is filed with a document; the city office reviews it and a second colleague
approves and pays it (the two-person rule); the placement register and the case timeline show it
all, and the case is closed. Screenshots: test-results/screenshots/casework-*.png."""

import datetime
import io
from decimal import Decimal

from django.core.management import call_command

from casework.models import Referral
from protection import roles
from protection.management.commands.demo_users import demo_password
from protection.models import Case, CaseNote, Department, Minor
from support.models import Placement, ReliefApplication, ReliefFund
from support.models.common import city_today
from tests.protection.factories import staff

from .conftest import admin_login, screenshot


def _as(browser, base, username, password):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    admin_login(page, base, username, password)
    return page


def _shot(page, name):
    """A screenshot as tall as the page: the admin scrolls inside its own layout, so the window
    is stretched to the tallest element first."""
    height = page.evaluate(
        "Math.max(...Array.from(document.querySelectorAll('body, body *'), e => e.scrollHeight))"
    )
    page.set_viewport_size({"width": 1280, "height": min(max(height, 900), 3000)})
    screenshot(page, name)
    page.set_viewport_size({"width": 1280, "height": 900})


def _submit(page):
    page.locator("footer button[type=submit]").first.click()


def _save(page):
    """Save from the keyboard: an open date picker may lie over the button."""
    page.locator("footer button[type=submit]").first.focus()
    page.keyboard.press("Enter")


def _transition(page, base, case, label, comment):
    page.goto(f"{base}/admin/protection/cases/inspect/{case.pk}/")
    page.get_by_role("link", name=label, exact=True).click()
    page.fill("textarea[name=comment]", comment)
    page.get_by_role("button", name=label, exact=True).click()
    page.wait_for_selector(f"text={comment}")


def test_a_case_from_report_to_closure(live_site, browser, tmp_path):
    base = live_site.url
    call_command("demo_users", "--force", stdout=io.StringIO())
    ReliefFund.objects.get_or_create(year=city_today().year, defaults={"budget": Decimal("500000")})
    approver = staff(roles.CITY_OFFICE, username="city-approver")
    approver.set_password("pw-approver")
    approver.save()
    placed = Placement.objects.filter(actual_end__isnull=True).values("minor")  # demo placements
    minor = (
        Minor.objects.filter(township__name="索河街道", name__startswith="示例·")
        .exclude(pk__in=placed)
        .first()
    )
    case = Case.objects.create(
        minor=minor, source=Case.Source.HOTLINE, summary="示例·邻居来电反映孩子无人照看。"
    )

    # Township staff: verify, assess, start service.
    township = _as(browser, base, "demo-township", demo_password("demo-township"))
    _transition(township, base, case, "核实", "示例·已入户核实,情况属实。")
    _transition(township, base, case, "完成评估", "示例·监护缺失,需临时安置。")
    _transition(township, base, case, "开始服务", "示例·制定服务计划。")
    _shot(township, "casework-01-case-in-service")

    # A grid worker's routine visit, recorded from the case's monitoring page.
    township.goto(f"{base}/admin/monitoring/due/inspect/{case.pk}/")
    township.get_by_role("link", name="登记走访").click()
    township.select_option("select[name=visitor_role]", "grid_worker")
    township.select_option("select[name=kind]", "routine")
    township.fill("textarea[name=findings]", "示例·孩子独自在家,家中无成年人照料。")
    township.locator("main form button[type=submit]").first.click()
    township.wait_for_url(f"{base}/admin/monitoring/visits/")
    township.goto(f"{base}/admin/monitoring/due/inspect/{case.pk}/")
    assert "定期走访" in township.locator("table.listing tbody tr").first.inner_text()
    _shot(township, "casework-02-visit-recorded")

    # A referral to the police; their liaison accepts it, acts and completes it.
    police = Department.objects.get(name="市公安局")
    liaison = staff(roles.DEPARTMENT_LIAISON, department=police, username="police-journey")
    due = city_today() + datetime.timedelta(days=7)
    township.goto(f"{base}/admin/casework/referrals/add/?case={case.pk}")
    township.select_option("select[name=department]", str(police.pk))
    township.fill("input[name=due_date]", due.isoformat())
    township.fill("input[name=access_until]", (due + datetime.timedelta(days=30)).isoformat())
    township.fill("input[name=requested_service]", "示例·查找监护人下落")
    township.fill("textarea[name=reason]", "示例·父母外出多月未归,联系不上。")
    township.fill("textarea[name=legal_basis]", "示例·未成年人保护法。")
    _save(township)
    township.wait_for_selector("text=与部门共享的信息")
    _shot(township, "casework-03-referral-sent")
    desk = _as(browser, base, liaison.username, "pw")
    reference = Referral.objects.get(case=case).reference  # the demo has referrals of its own
    desk.locator("a", has_text=reference).first.click()
    desk.wait_for_selector("text=与部门共享的信息")
    for label, text in [
        ("接收转介", ""),
        ("记录办理情况", "示例·已找到母亲,告知其监护责任。"),
        ("办结", "示例·母亲返乡,与孩子同住。"),
    ]:
        desk.get_by_role("link", name=label, exact=True).click()
        if text:
            desk.fill("textarea[name=text]", text)
        desk.get_by_role("button", name=label, exact=True).click()
        desk.wait_for_selector("text=与部门共享的信息")
    assert "已办结" in desk.content()
    assert minor.name not in desk.content()  # the liaison's access ended with the referral
    _shot(desk, "casework-04-referral-completed-by-liaison")

    # A placement with a foster family, from the case.
    township.goto(f"{base}/admin/support/placements/add/?case={case.pk}")
    township.select_option("select[name=kind]", "family_foster")
    township.fill("input[name=place]", "示例·王家寄养家庭")
    township.fill("input[name=start]", city_today().isoformat())
    _submit(township)
    township.wait_for_url(f"{base}/admin/support/placements/")
    township.goto(f"{base}/admin/support/placements/?when=now")
    assert "示例·王家寄养家庭" in township.content()
    _shot(township, "casework-05-placement-register")
    placement = Placement.objects.get(case=case)

    # A relief application resting on the placement, with a document.
    document = tmp_path / "diagnosis.pdf"
    document.write_bytes(b"%PDF-1.4 demo")
    township.goto(f"{base}/admin/support/relief/add/?case={case.pk}")
    township.select_option("select[name=placement]", str(placement.pk))
    township.fill("textarea[name=reason]", "示例·寄养期间生活费用。")
    township.fill("input[name=amount]", "3000.00")
    township.locator("#id_documents-ADD").click()
    township.fill("input[name='documents-0-title']", "示例·寄养协议")
    township.set_input_files("input[name='documents-0-file']", str(document))
    _submit(township)
    township.wait_for_selector("[data-testid=relief-steps]")
    assert "须由另一位同事审核" in township.content()
    _shot(township, "casework-06-relief-applied")
    application = ReliefApplication.objects.get(case=case)

    # The city office reviews (its dashboard lists the application), a colleague approves and pays.
    city = _as(browser, base, "demo-city", demo_password("demo-city"))
    assert case.reference in city.content()
    _shot(city, "casework-07-city-dashboard")
    city.goto(f"{base}/admin/support/relief/inspect/{application.pk}/")
    city.get_by_role("link", name="审核", exact=True).click()
    city.check("input[name=decision][value=recommend]")
    city.fill("textarea[name=comment]", "示例·材料齐全。")
    city.get_by_role("button", name="保存").click()
    city.wait_for_selector("text=已审核,待审批")
    assert "审批" not in [b.inner_text() for b in city.locator("a.button").all()]

    second = _as(browser, base, "city-approver", "pw-approver")
    second.goto(f"{base}/admin/support/relief/inspect/{application.pk}/")
    second.get_by_role("link", name="审批", exact=True).click()
    second.check("input[name=decision][value=approve]")
    second.get_by_role("button", name="保存").click()
    second.wait_for_selector("text=登记支付")
    second.get_by_role("link", name="登记支付", exact=True).click()
    second.fill("input[name=voucher]", "示例-PZ-100")
    second.get_by_role("button", name="保存").click()
    second.wait_for_selector("[data-testid=relief-paid]")
    assert second.locator("[data-testid=relief-paid]").inner_text() == "3000.00"
    _shot(second, "casework-08-relief-paid")
    application.refresh_from_db()
    assert {application.applicant.username, application.reviewer.username} == {
        "demo-township",
        "demo-city",
    }
    assert application.approver == approver and application.status == "paid"

    # The township closes the case; the timeline tells the whole story.
    _transition(township, base, case, "结案", "示例·孩子已稳定寄养,救助已发放,结案。")
    assert "已结案" in township.content()
    _shot(township, "casework-09-case-closed")
    texts = " ".join(CaseNote.objects.filter(case=case).values_list("text", flat=True))
    for step in ["示例·母亲返乡", "自", "提交救助基金申请", "审核同意", "批准救助", "支付救助金"]:
        assert step in texts, step
    for page in (township, desk, city, second):
        page.context.close()
