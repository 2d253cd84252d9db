import pytest
from django.contrib.auth import get_user_model

from protection import roles

from .factories import CaseFactory, DepartmentFactory, MinorFactory, VillageFactory, staff


class World:
    """Two townships, a village in each, a case in each; one user per role, the local ones in
    township A / village A, the liaison for the department case A is shared with."""


@pytest.fixture
def world(db):
    w = World()
    w.village_a = VillageFactory()
    w.village_a2 = VillageFactory(township=w.village_a.township)
    w.village_b = VillageFactory()
    w.township_a, w.township_b = w.village_a.township, w.village_b.township
    w.department = DepartmentFactory(name="市公安局测试")
    w.minor_a = MinorFactory(village=w.village_a, name="测试·甲村儿童")
    w.minor_a2 = MinorFactory(village=w.village_a2, name="测试·甲镇二村儿童")
    w.minor_b = MinorFactory(village=w.village_b, name="测试·乙镇儿童")
    w.case_a = CaseFactory(minor=w.minor_a)
    w.case_a.departments.set([w.department])
    w.case_a.save()
    w.case_a2 = CaseFactory(minor=w.minor_a2)
    w.case_b = CaseFactory(minor=w.minor_b)
    w.users = {
        "city": staff(roles.CITY_OFFICE, username="city"),
        "township": staff(roles.TOWNSHIP_STAFF, townships=[w.township_a], username="township"),
        "village": staff(roles.VILLAGE_SUPERVISOR, villages=[w.village_a], username="village"),
        "liaison": staff(roles.DEPARTMENT_LIAISON, department=w.department, username="liaison"),
        "leader": staff(roles.LEADERSHIP, username="leader"),
        "nobody": get_user_model().objects.create_user("nobody", password="pw", is_staff=True),
    }
    return w
