"""The demo: the seed's monitoring network as visit rules, three-level response deadlines, and
fictional visits on the demo cases with some overdue; loading twice changes nothing."""

import io

from monitoring import demo, due
from monitoring.models import CaseMonitoring, HomeVisit, ResponseRule, VisitRule
from protection import demo as protection_demo


def test_demo_visits_rules_and_some_overdue(db):
    protection_demo.load(io.StringIO())
    demo.load(io.StringIO())
    names = set(VisitRule.objects.values_list("name", flat=True))
    assert any("邻里守望" in n for n in names)
    assert any("网格员" in n for n in names)
    assert any("网格长每月回访" in n for n in names)
    assert ResponseRule.objects.count() == 12
    visits = HomeVisit.objects.count()
    assert visits > 0
    assert all(
        v.startswith("示例·") for v in HomeVisit.objects.values_list("visitor_name", flat=True)
    )
    rows = CaseMonitoring.objects.filter(is_open=True)
    assert due.overdue(rows).exists()
    assert rows.exclude(pk__in=due.overdue(rows).values("pk")).exists()
    demo.load(io.StringIO())
    assert HomeVisit.objects.count() == visits
    assert VisitRule.objects.count() == len(demo.VISIT_RULES)
