"""Factories of the registries: data built per test, fictional people with valid ID numbers."""

import datetime

import factory
from django.contrib.auth import get_user_model

from protection import roles
from protection.identity import make_id_number
from protection.models import (
    Case,
    ClassificationTag,
    Department,
    Family,
    Guardian,
    IntakeReport,
    Minor,
    StaffScope,
    TargetCategory,
    Township,
    Village,
)


class TownshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Township

    name = factory.Sequence(lambda n: f"测试{n}镇")
    sort_order = factory.Sequence(lambda n: n)


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village

    name = factory.Sequence(lambda n: f"测试{n}村")
    township = factory.SubFactory(TownshipFactory)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"测试局{n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TargetCategory

    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"类别{n}")


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClassificationTag

    name = factory.Sequence(lambda n: f"标签{n}")


def id_number_for(birth_date, sex, n=0):
    # Three digits whatever n grows to in a long test run; the last digit's parity is the sex.
    sequence = 100 + (2 * n) % 900 + (1 if sex == "male" else 0)
    return make_id_number("410199", birth_date, sequence)


class MinorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minor

    name = factory.Sequence(lambda n: f"测试·儿童{n}")
    sex = "female"
    birth_date = factory.Sequence(lambda n: datetime.date(2015, 1, 1) + datetime.timedelta(days=n))
    id_number = factory.LazyAttributeSequence(lambda o, n: id_number_for(o.birth_date, o.sex, n))
    village = factory.SubFactory(VillageFactory)
    township = factory.LazyAttribute(lambda o: o.village.township)


class GuardianFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guardian

    minor = factory.SubFactory(MinorFactory)
    relation = Guardian.Relation.MOTHER
    name = factory.Sequence(lambda n: f"测试·家长{n}")
    id_number = factory.Sequence(lambda n: id_number_for(datetime.date(1985, 3, 3), "female", n))
    phone = factory.Sequence(lambda n: f"0371-3{n:07d}")


class FamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Family

    name = factory.Sequence(lambda n: f"测试·家庭{n}")
    village = factory.SubFactory(VillageFactory)
    township = factory.LazyAttribute(lambda o: o.village.township)


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    minor = factory.SubFactory(MinorFactory)
    source = Case.Source.HOTLINE
    summary = "测试情况"


class IntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntakeReport

    receipt = factory.Sequence(lambda n: f"LT-20260101-T{n:05d}")
    township = factory.SubFactory(TownshipFactory)
    what_happened = "测试报告"
    reporter_kind = IntakeReport.ReporterKind.NEIGHBOUR


def staff(role, *, level=None, townships=(), villages=(), department=None, username=None):
    """A staff user in one of the role groups with a jurisdiction."""
    groups = roles.ensure_groups()
    user = get_user_model().objects.create_user(
        username or f"u{get_user_model().objects.count()}",
        email=f"{username or 'staff'}@example.invalid",
        password="pw",
    )
    user.groups.add(groups[role])
    scope = StaffScope.objects.create(
        user=user, level=level or roles.ROLES[role][1], department=department
    )
    scope.townships.set(townships)
    scope.villages.set(villages)
    return user
