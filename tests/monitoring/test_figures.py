"""The quarterly report's visit figures for a township (programme/figures.py)."""

import datetime
from decimal import Decimal

from monitoring.models import HomeVisit
from programme.figures import visits_made, visits_overdue
from programme.quarters import Quarter

from .conftest import visit

Q3 = Quarter(2026, 3)


class Unit:
    def __init__(self, township):
        self.township_id, self.department_id = township.pk, None


def test_visits_made_and_overdue_at_the_end_of_a_quarter(world, high_risk_rule):
    for case in (world.case_a, world.case_a2, world.case_b):
        case.opened_on, case.risk_level = datetime.date(2026, 7, 1), "high"
        case.save()
    unit = Unit(world.township_a)
    visit(world.case_a, datetime.date(2026, 9, 25))  # due 9 October: fine on 30 September
    visit(world.case_a, datetime.date(2026, 9, 26), mode=HomeVisit.Mode.PHONE)  # not a visit
    visit(world.case_a2, datetime.date(2026, 10, 5))  # after the quarter: late for Q3
    visit(world.case_b, datetime.date(2026, 9, 5))  # another township
    assert visits_made(unit, Q3) == 1
    assert visits_made(unit, Quarter(2026, 4)) == 1
    assert visits_overdue(unit, Q3) == 1  # case_a2, due since 15 July
    assert visits_overdue(unit, Quarter(2026, 2)) == 0  # nothing was open yet


def test_visit_completion_is_the_share_of_open_cases_not_overdue_at_the_years_end(
    world, high_risk_rule
):
    from programme.figures import visit_completion

    for case in (world.case_a, world.case_a2):
        case.opened_on, case.risk_level = datetime.date(2026, 7, 1), "high"
        case.save()
    unit = Unit(world.township_a)
    visit(world.case_a, datetime.date(2026, 12, 25))  # due 8 January: fine on 31 December
    visit(world.case_a2, datetime.date(2026, 11, 1))  # due 15 November: overdue
    assert visit_completion(unit, 2026, today=datetime.date(2027, 2, 1)) == Decimal(1) / 2
    # on 10 November: case_a not visited since it opened in July, case_a2 visited on 1 November
    assert visit_completion(unit, 2026, today=datetime.date(2026, 11, 10)) == Decimal(1) / 2
    visit(world.case_a, datetime.date(2026, 11, 9))
    assert visit_completion(unit, 2026, today=datetime.date(2026, 11, 10)) == 1
    assert visit_completion(unit, 2025, today=datetime.date(2027, 2, 1)) is None
