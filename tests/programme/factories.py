"""Factories of programme management: units on top of real seed departments, quarters, reports."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from programme.models import (
    AssessmentIndicator,
    JointMeeting,
    MeetingTask,
    QuarterlyReport,
    ReportingQuarter,
    ReportingUnit,
)
from protection.identity import make_id_number
from protection.models import Department, DepartmentDuty, Township


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"市测试局{n}")
    level = Department.Level.CITY


class DutyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DepartmentDuty

    department = factory.SubFactory(DepartmentFactory)
    text = "负责困境未成年人学习教育工作,杜绝辍学。"


class TownshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Township
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试镇{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingUnit

    name = factory.Sequence(lambda n: f"单位{n}")
    department = factory.SubFactory(DepartmentFactory)


class QuarterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingQuarter
        django_get_or_create = ("year", "number")

    year = 2026
    number = 3
    deadline = dt.date(2026, 10, 10)


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuarterlyReport

    reporting_quarter = factory.SubFactory(QuarterFactory)
    unit = factory.SubFactory(UnitFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JointMeeting

    title = "2026年第三季度联席会议"
    held_at = dt.datetime(2026, 10, 20, 9, 0, tzinfo=dt.UTC)
    convener = "市民政局"


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingTask

    meeting = factory.SubFactory(MeetingFactory)
    unit = factory.SubFactory(UnitFactory)
    description = "督促辍学学生返校复学"
    due_date = dt.date(2026, 11, 30)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessmentIndicator

    name = factory.Sequence(lambda n: f"指标{n}")
    max_score = 20


def liaison_of(unit, username=None):
    """A staff user in the liaison role of one unit (view/change reports, view tasks)."""
    user = get_user_model().objects.create_user(
        username or f"liaison-{unit.pk}", password="pw-for-tests", email=f"u{unit.pk}@example.org"
    )
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="programme",
            codename__in=["view_quarterlyreport", "change_quarterlyreport", "view_meetingtask"],
        ),
    )
    unit.members.add(user)
    return user


def office_user(username="office"):
    user = get_user_model().objects.create_user(username, password="pw-for-tests")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="programme"),
    )
    return user


# The case registry, as little of it as the programme's tests need (fictional minors).


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "protection.Village"

    name = factory.Sequence(lambda n: f"测试{n}村")
    township = factory.SubFactory(TownshipFactory)


class MinorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "protection.Minor"

    name = factory.Sequence(lambda n: f"测试·儿童{n}")
    sex = "female"
    birth_date = factory.Sequence(lambda n: dt.date(2015, 1, 1) + dt.timedelta(days=n))
    id_number = factory.LazyAttributeSequence(
        lambda o, n: make_id_number("410199", o.birth_date, 100 + (2 * n) % 900)
    )
    village = factory.SubFactory(VillageFactory)
    township = factory.LazyAttribute(lambda o: o.village.township)


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "protection.Case"

    minor = factory.SubFactory(MinorFactory)
    source = "hotline"
    summary = "测试情况"


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "protection.TargetCategory"
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda o: f"第{o.number}类")
