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
