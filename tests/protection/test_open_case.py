"""A report in the intake queue (待核实报告) becomes a case in one step: the child found on record
by the exact ID number or registered, the case linked to the report and the report marked
handled, all logged; bad input saves nothing, and nobody opens a case outside their scope."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from protection.models import Case, CaseNote, IntakeReport, Minor, TargetCategory

from .factories import CategoryFactory, IntakeFactory, id_number_for


@pytest.fixture
def report(world):
    return IntakeFactory(
        township=world.township_a,
        village=world.village_a,
        what_happened="测试·孩子长期独自在家",
        reporter_kind=IntakeReport.ReporterKind.SCHOOL,
    )


def form(world, **overrides):
    born = datetime.date(2017, 2, 3)
    data = {
        "id_number": id_number_for(born, "male", 41),
        "name": "测试·新发现儿童",
        "sex": "male",
        "birth_date": born.isoformat(),
        "village": world.village_a.pk,
        "categories": [category_3().pk],
        "risk_level": "high",
        "response_level": "township",
        "summary": "核实属实",
    }
    data.update(overrides)
    return data


def category_3():
    return TargetCategory.objects.filter(number=3).first() or CategoryFactory(number=3)


def url(report):
    return reverse("protection_intake_open_case", args=[report.pk])


def test_opening_a_case_registers_the_child_links_both_ways_and_logs(client, world, report):
    user = world.users["township"]
    client.force_login(user)
    page = client.get(reverse("protection_intake:inspect", args=[report.pk])).content.decode()
    assert url(report) in page  # the button on the report
    assert "测试·孩子长期独自在家" in client.get(url(report)).content.decode()

    response = client.post(url(report), form(world))
    case = Case.objects.get(intake_report=report)
    assert response.status_code == 302
    assert response["Location"] == reverse("protection_cases:inspect", args=[case.pk])
    minor = Minor.objects.get(name="测试·新发现儿童")
    assert case.minor == minor and (minor.township, minor.village) == (
        world.township_a,
        world.village_a,
    )
    assert case.source == Case.Source.SCHOOL and case.risk_level == "high"
    assert case.township == world.township_a and case.assigned_worker == user
    report.refresh_from_db()
    assert report.status == IntakeReport.Status.CASE_OPENED and report.handled_by == user
    assert case.reference in report.outcome
    assert CaseNote.objects.filter(case=case, text__contains=report.receipt).exists()
    assert ModelLogEntry.objects.for_instance(case).filter(user=user).exists()
    assert ModelLogEntry.objects.for_instance(report).filter(user=user).exists()
    report_page = client.get(reverse("protection_intake:inspect", args=[report.pk]))
    assert case.reference in report_page.content.decode()
    case_page = client.get(reverse("protection_cases:inspect", args=[case.pk])).content.decode()
    assert reverse("protection_intake:inspect", args=[report.pk]) in case_page

    again = client.post(url(report), form(world, id_number="", name="测试·再来一次"))
    assert again.status_code == 302
    assert Case.objects.filter(intake_report=report).count() == 1


def test_a_child_on_record_is_found_by_exact_id_number(client, world, report):
    client.force_login(world.users["township"])
    typed = world.minor_a.id_number.lower()  # a lower-case x still finds the record
    before = Minor.objects.count()
    response = client.post(url(report), form(world, id_number=typed, name="", birth_date=""))
    assert response.status_code == 302
    assert Minor.objects.count() == before
    assert Case.objects.get(intake_report=report).minor == world.minor_a


@pytest.mark.parametrize(
    ("overrides", "chinese"),
    [
        ({"id_number": "110105194912310021"}, "校验"),
        ({"birth_date": "2017-02-04"}, "出生日期"),
        ({"id_number": "", "name": ""}, "登记"),
        ({"village": "OUTSIDE"}, "选择"),
        ({"id_number": "MINOR_B"}, "辖区"),
    ],
)
def test_bad_input_gets_a_chinese_error_and_saves_nothing(
    client, world, report, overrides, chinese
):
    if overrides.get("village") == "OUTSIDE":
        overrides["village"] = world.village_b.pk
    if overrides.get("id_number") == "MINOR_B":
        overrides["id_number"] = world.minor_b.id_number
    client.force_login(world.users["township"])
    minors, cases = Minor.objects.count(), Case.objects.count()
    response = client.post(url(report), form(world, **overrides), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert chinese in response.content.decode()
    assert (Minor.objects.count(), Case.objects.count()) == (minors, cases)
    report.refresh_from_db()
    assert report.status == IntakeReport.Status.NEW


def test_only_staff_who_may_open_cases_and_only_in_scope(client, world, report):
    elsewhere = IntakeFactory(township=world.township_b)
    client.force_login(world.users["township"])
    assert client.get(url(elsewhere)).status_code == 404
    assert client.post(url(elsewhere), form(world)).status_code == 404
    for role in ("leader", "village", "liaison"):
        client.force_login(world.users[role])
        assert client.post(url(report), form(world)).status_code in (302, 403)
    assert not Case.objects.filter(intake_report=report).exists()
    client.force_login(world.users["leader"])  # reads the report, without the button
    page = client.get(reverse("protection_intake:inspect", args=[report.pk]))
    assert page.status_code == 200
    assert url(report) not in page.content.decode()


def test_the_case_keeps_the_categories_and_tags_chosen_when_opening_it(client, world, report):
    from .factories import TagFactory

    violence = TagFactory(name="家暴")
    client.force_login(world.users["township"])
    response = client.post(url(report), form(world, tags=[violence.pk]))
    assert response.status_code == 302
    case = Case.objects.get(intake_report=report)
    assert list(case.categories.all()) == [category_3()]
    assert list(case.tags.all()) == [violence]
    page = client.get(response["Location"]).content.decode()
    assert "家暴" in page
