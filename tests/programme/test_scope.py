"""A department sees its own reports and tasks only; another unit's record by URL is a 404."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from programme import scope

from .factories import (
    DepartmentFactory,
    ReportFactory,
    TaskFactory,
    TownshipFactory,
    UnitFactory,
    liaison_of,
    office_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_units():
    police, education = UnitFactory(name="市公安局"), UnitFactory(name="市教体局")
    return police, education


def test_a_liaison_lists_only_its_own_reports_and_tasks(client, two_units):
    police, education = two_units
    ReportFactory(unit=police)
    ReportFactory(unit=education)
    TaskFactory(unit=police, description="开展打拐专项行动")
    TaskFactory(unit=education, description="排查辍学学生")
    client.force_login(liaison_of(police))
    reports = client.get(reverse("programme_reports:list")).content.decode()
    assert "市公安局" in reports and "市教体局" not in reports
    tasks = client.get(reverse("programme_tasks:list")).content.decode()
    assert "开展打拐专项行动" in tasks and "排查辍学学生" not in tasks


@pytest.mark.parametrize("view", ["edit", "inspect", "history"])
def test_another_units_report_by_url_is_not_found(client, two_units, view):
    police, education = two_units
    theirs = ReportFactory(unit=education)
    client.force_login(liaison_of(police))
    assert client.get(reverse(f"programme_reports:{view}", args=[theirs.pk])).status_code == 404


def test_another_units_task_cannot_be_seen_or_closed(client, two_units):
    police, education = two_units
    theirs = TaskFactory(unit=education)
    client.force_login(liaison_of(police))
    assert client.get(reverse("programme_tasks:inspect", args=[theirs.pk])).status_code == 404
    response = client.post(reverse("programme_tasks:close", args=[theirs.pk]), {"note": "已办"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == "open"


def test_office_screens_are_not_found_for_a_liaison(client, two_units):
    police, _ = two_units
    report = ReportFactory(unit=police)
    client.force_login(liaison_of(police))
    rq = report.reporting_quarter
    for url in [
        reverse("programme_quarters:overview", args=[rq.pk]),
        reverse("programme_quarters:export", args=[rq.pk]),
        reverse("programme_quarters:summary", args=[rq.pk]),
        reverse("programme_reports:review", args=[report.pk]),
        reverse("programme_assessment:table", args=[2026]),
    ]:
        assert client.get(url).status_code == 404, url


def test_the_office_sees_every_unit(two_units):
    office = office_user()
    assert set(scope.units_for(office)) == set(two_units)


def test_protection_staff_scope_of_a_department_gives_its_unit(two_units):
    from protection.models import StaffScope

    police, _education = two_units
    user = get_user_model().objects.create_user("dept-liaison")
    StaffScope.objects.create(user=user, level="department", department=police.department)
    assert list(scope.units_for(user)) == [police]


def test_an_anonymous_or_unscoped_user_sees_no_unit(two_units):
    from django.contrib.auth.models import AnonymousUser

    assert not scope.units_for(AnonymousUser()).exists()
    assert not scope.units_for(get_user_model().objects.create_user("nobody")).exists()


def test_a_township_stations_staff_see_their_townships_reports_only(client):
    from protection.models import StaffScope

    mine, other = TownshipFactory(name="高村乡"), TownshipFactory(name="王村镇")
    duties = DepartmentFactory(name="各乡镇(街道)", level="township")
    ours = ReportFactory(unit=UnitFactory(name="高村乡", township=mine, department=duties))
    theirs = ReportFactory(unit=UnitFactory(name="王村镇", township=other, department=duties))
    user = liaison_of(UnitFactory(name="无关单位"), username="station")
    user.reporting_units.clear()
    StaffScope.objects.create(user=user, level="township").townships.add(mine)
    client.force_login(user)
    assert client.get(reverse("programme_reports:edit", args=[ours.pk])).status_code == 200
    assert client.get(reverse("programme_reports:edit", args=[theirs.pk])).status_code == 404
