import datetime
import zoneinfo
from contextlib import contextmanager
from unittest import mock

import pytest
from django.contrib.auth import get_user_model

from protection import roles
from tests.protection.factories import (
    CaseFactory,
    DepartmentFactory,
    GuardianFactory,
    MinorFactory,
    VillageFactory,
    staff,
)

from .factories import ReferralFactory

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"


@contextmanager
def city_time(year, month, day, hour=12, minute=0):
    """Freeze "now" at a moment of the city's clock (Asia/Shanghai)."""
    moment = datetime.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield moment


class World:
    """Two townships with a case each; a police and an education department; a user per role,
    the local ones in township A, a liaison for each department."""


@pytest.fixture
def world(db):
    w = World()
    w.village_a = VillageFactory()
    w.village_b = VillageFactory()
    w.township_a, w.township_b = w.village_a.township, w.village_b.township
    w.police = DepartmentFactory(name="测试公安局")
    w.education = DepartmentFactory(name="测试教体局")
    w.minor_a = MinorFactory(village=w.village_a, name="测试·甲镇儿童", school="测试小学")
    w.guardian_a = GuardianFactory(minor=w.minor_a, name="测试·甲镇家长", phone="0371-66668888")
    w.minor_b = MinorFactory(village=w.village_b, name="测试·乙镇儿童")
    w.case_a = CaseFactory(minor=w.minor_a, summary="测试·父亲酗酒后打骂孩子")
    w.case_b = CaseFactory(minor=w.minor_b, summary="测试·乙镇情况")
    w.users = {
        "city": staff(roles.CITY_OFFICE, username="city"),
        "township": staff(roles.TOWNSHIP_STAFF, townships=[w.township_a], username="township"),
        "township_b": staff(roles.TOWNSHIP_STAFF, townships=[w.township_b], username="township_b"),
        "village": staff(roles.VILLAGE_SUPERVISOR, villages=[w.village_a], username="village"),
        "police": staff(roles.DEPARTMENT_LIAISON, department=w.police, username="police"),
        "education": staff(roles.DEPARTMENT_LIAISON, department=w.education, username="education"),
        "leader": staff(roles.LEADERSHIP, username="leader"),
        "nobody": get_user_model().objects.create_user("nobody", password="pw", is_staff=True),
    }
    return w


@pytest.fixture
def referral(world):
    """Case A referred by township A's station to the police, sent today."""
    return ReferralFactory(
        case=world.case_a, department=world.police, sent_by=world.users["township"]
    )
