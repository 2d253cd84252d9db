"""Factories for the records the import tests read and write."""

import factory

from protection.models import Department, Township


class TownshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Township
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试{n}镇")
    kind = Township.Kind.TOWN
    sort_order = factory.Sequence(int)
    station_name = factory.LazyAttribute(lambda o: f"{o.name}指导站")
    hotline = factory.Sequence(lambda n: f"0371-1000{n:04d}")


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试局{n}")
    level = Department.Level.CITY


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "protection.Village"
        django_get_or_create = ("township", "name")

    township = factory.SubFactory(TownshipFactory)
    name = factory.Sequence(lambda n: f"测试{n}村")


class MinorFactory(factory.django.DjangoModelFactory):
    """A fictional minor; the ID number (area 410182, 荥阳) agrees with birth date and sex."""

    class Meta:
        model = "protection.Minor"

    name = factory.Sequence(lambda n: f"示例{n}")
    sex = "male"
    birth_date = factory.Faker("date_between", start_date="-17y", end_date="-1y")
    village = factory.SubFactory(VillageFactory)
    township = factory.LazyAttribute(lambda o: o.village.township)
    id_number = factory.LazyAttributeSequence(lambda o, n: make_id(o.birth_date, o.sex, n))


def make_id(birth_date, sex, n):
    from protection.identity import make_id_number

    sequence = (n * 2 + (1 if sex == "male" else 0)) % 1000
    return make_id_number("410182", birth_date, sequence)
