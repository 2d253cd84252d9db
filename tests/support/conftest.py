import datetime
from decimal import Decimal

import pytest

from protection import roles
from support.models import ReliefApplication, ReliefFund
from support.models.common import city_today
from tests.protection.factories import CaseFactory, MinorFactory, VillageFactory, staff


@pytest.fixture(autouse=True)
def _chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"


class World:
    """Two townships with a case each; the city office (two people, so that one can review and
    another approve), township staff of A (two colleagues), a village supervisor of A."""


@pytest.fixture
def world(db):
    w = World()
    w.village_a = VillageFactory()
    w.village_b = VillageFactory()
    w.township_a, w.township_b = w.village_a.township, w.village_b.township
    w.case_a = CaseFactory(minor=MinorFactory(village=w.village_a, name="测试·甲镇儿童"))
    w.case_b = CaseFactory(minor=MinorFactory(village=w.village_b, name="测试·乙镇儿童"))
    w.city = staff(roles.CITY_OFFICE, username="city")
    w.city2 = staff(roles.CITY_OFFICE, username="city2")
    w.township = staff(roles.TOWNSHIP_STAFF, townships=[w.township_a], username="township")
    w.township2 = staff(roles.TOWNSHIP_STAFF, townships=[w.township_a], username="township2")
    w.village = staff(roles.VILLAGE_SUPERVISOR, villages=[w.village_a], username="village")
    w.fund = ReliefFund.objects.create(year=city_today().year, budget=Decimal("10000.00"))
    return w


def aged(years, days=0):
    """A birth date: that many years and days before today in the city."""
    today = city_today()
    try:
        born = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        born = today.replace(year=today.year - years, day=28)
    return born - datetime.timedelta(days=days)


def application(world, case=None, amount="1000.00", applicant=None, **kwargs):
    case = case or world.case_a
    item = ReliefApplication.objects.create(
        fund=world.fund,
        case=case,
        reason="测试·重病治疗费用",
        amount=Decimal(amount),
        applicant=applicant or world.township,
        **kwargs,
    )
    return item
