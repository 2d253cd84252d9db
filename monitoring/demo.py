"""Demo data of monitoring: the visit rules of the seed's three-layer monitoring network
(六、各乡镇(街道): 邻里爱心监护, 网格员随机监护, 网格长月回访), response deadlines for the three
levels of 五(三), and fictional visits on the demo cases, some of them overdue.

Idempotent: rules are matched by name or levels, and a case that has visits gets no more."""

import datetime
import random

from protection.models import Case, TargetCategory

from . import due
from .clock import city_today
from .models import HomeVisit, ResponseRule, VisitorRole, VisitRule

# (name, role, interval, risk level, target category number)
VISIT_RULES = [
    ("邻里守望:监护缺失儿童每周看望", VisitorRole.NEIGHBOUR, 7, "", 2),
    ("网格员不定期走访(至少每60天一次)", VisitorRole.GRID_WORKER, 60, "", None),
    ("网格长每月回访", VisitorRole.GRID_LEADER, 30, "", None),
    ("高风险个案每14天走访", "", 14, Case.RiskLevel.HIGH, None),
    ("紧急个案每7天走访", "", 7, Case.RiskLevel.URGENT, None),
]
# hours to the first response by response level, for low / medium / high / urgent risk
RESPONSE_HOURS = {
    Case.ResponseLevel.VILLAGE: (72, 48, 24, 6),
    Case.ResponseLevel.TOWNSHIP: (48, 24, 12, 4),
    Case.ResponseLevel.CITY: (24, 12, 6, 2),
}
FINDINGS = [
    "孩子在家,精神状态良好,按时上学;祖母身体尚可,能照料日常生活。",
    "家中卫生较差,孩子衣物单薄,已联系村委会送去冬衣。",
    "孩子近期情绪低落,成绩下降,建议学校心理老师跟进。",
    "监护人外出务工未归,由邻居代为照看,需约谈监护人。",
]
PATTERNS = [
    (45, VisitorRole.GRID_WORKER),
    (3, VisitorRole.GRID_LEADER),
    (26, VisitorRole.GRID_LEADER),
]


def load(stdout):
    categories = {c.number: c for c in TargetCategory.objects.all()}
    for name, role, interval, risk, category in VISIT_RULES:
        VisitRule.objects.get_or_create(
            name=name,
            defaults={
                "visitor_role": role,
                "interval_days": interval,
                "risk_level": risk,
                "category": categories.get(category),
            },
        )
    risks = [Case.RiskLevel.LOW, Case.RiskLevel.MEDIUM, Case.RiskLevel.HIGH, Case.RiskLevel.URGENT]
    for level, hours in RESPONSE_HOURS.items():
        for risk, value in zip(risks, hours, strict=True):
            ResponseRule.objects.get_or_create(
                response_level=level, risk_level=risk, defaults={"hours": value}
            )
    rng = random.Random(53)  # 荥政办〔2015〕53号: the same demo visits every time
    today = city_today()
    cases = Case.objects.filter(minor__name__startswith="示例·").exclude(status=Case.Status.CLOSED)
    added = 0
    for number, case in enumerate(cases.exclude(visits__isnull=False).order_by("pk")):
        days_ago, role = PATTERNS[number % len(PATTERNS)]
        first = case.opened_on + datetime.timedelta(days=rng.randrange(0, 3))
        last = max(today - datetime.timedelta(days=days_ago), case.opened_on)
        for day, visit_role, kind in [
            (min(first, today), VisitorRole.SUPERVISOR, HomeVisit.Kind.ROUTINE),
            (
                last,
                role,
                HomeVisit.Kind.MONTHLY
                if role == VisitorRole.GRID_LEADER
                else HomeVisit.Kind.RANDOM,
            ),
        ]:
            HomeVisit.objects.create(
                case=case,
                visited_on=day,
                visited_time=datetime.time(9 + rng.randrange(8), 30),
                visitor_name=f"示例·{visit_role.label.split('(')[-1].rstrip(')')}{number % 7 + 1}",
                visitor_role=visit_role,
                kind=kind,
                people_seen="儿童本人、祖母",
                findings=rng.choice(FINDINGS),
                guardianship_assessment=rng.choice(
                    [HomeVisit.Assessment.ADEQUATE, HomeVisit.Assessment.CONCERN]
                ),
                next_actions="下月继续回访。",
            )
            added += 1
    due.refresh_all()
    stdout.write(
        f"Monitoring: {VisitRule.objects.count()} visit rules, "
        f"{ResponseRule.objects.count()} response deadlines, {added} new visits."
    )
