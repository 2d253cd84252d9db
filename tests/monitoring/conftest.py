"""The protection registry's two-township world, plus monitoring's own builders."""

import datetime

import pytest

from monitoring.models import CaseMonitoring, HomeVisit, ResponseRule, VisitRule
from tests.protection import conftest as protection

world = protection.world  # the shared two-township fixture
OPENED = datetime.date(2026, 10, 1)


def visit(case, day, **fields):
    fields.setdefault("findings", "测试走访情况")
    return HomeVisit.objects.create(case=case, visited_on=day, **fields)


def row(case):
    return CaseMonitoring.objects.get(case=case)


@pytest.fixture
def high_risk_rule(db):
    return VisitRule.objects.create(name="高风险每14天", risk_level="high", interval_days=14)


@pytest.fixture
def opened(world):
    """The world's cases opened on 1 October 2026 at high risk, village response level."""
    for case in (world.case_a, world.case_a2, world.case_b):
        case.opened_on = OPENED
        case.risk_level = "high"
        case.response_level = "village"
        case.save()
    return world


@pytest.fixture
def response_rule(db):
    return ResponseRule.objects.create(response_level="village", risk_level="high", hours=24)
