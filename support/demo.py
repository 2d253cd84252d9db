"""Demo data of placements, assistance and the relief fund, on the demo registry's fictional
cases (protection.demo_registry): this year's fund, two placements (one current, one ended),
help to two poor families, and relief applications in each state, from waiting for review to
paid in full.

Idempotent: the fund is matched by year, and each other record by the 示例· text it carries; a
second load adds nothing. Records are written directly rather than through support.relief,
because the demo logins (protection demo_users) may not exist yet when this runs."""

import datetime
from decimal import Decimal

from django.utils import timezone

from protection.models import Case, Department, Family

from .models import Assistance, Placement, ReliefApplication, ReliefFund, ReliefPayment
from .models.common import city_today

S = ReliefApplication.Status
DEMO_BUDGET = Decimal("500000.00")

# (place text, kind, started days ago, ended days ago or None)
PLACEMENTS = [
    ("示例·市儿童福利院", Placement.Kind.WELFARE_CENTRE, 120, None),
    ("示例·李家寄养家庭", Placement.Kind.FAMILY_FOSTER, 300, 30),
]
# (reason, amount, status, paid)
APPLICATIONS = [
    ("示例·患白血病,需化疗费用。", "20000.00", S.SUBMITTED, None),
    ("示例·重度残疾,需康复训练费用。", "8000.00", S.REVIEWED, None),
    ("示例·父亲服刑、母亲离家,生活无着。", "6000.00", S.APPROVED, "2000.00"),
    ("示例·先天性心脏病手术费用。", "15000.00", S.PAID, "15000.00"),
]
# (assistance kind, description, amount or None for help in kind, provider)
ASSISTANCE = [
    (Assistance.Kind.LIVING_AID, "示例·临时生活救助", "1200.00", "市民政局"),
    (Assistance.Kind.VOCATIONAL, "示例·母亲参加家政服务职业培训", None, "市人社局"),
    (Assistance.Kind.SCHOOL, "示例·春季学期助学金", "800.00", "市教体局"),
]


def _open_cases():
    """Open demo cases of minors under 16, the same ones on every load."""
    youngest = city_today().replace(month=1, day=1) - datetime.timedelta(days=16 * 365)
    return (
        Case.objects.exclude(status=Case.Status.CLOSED)
        .filter(minor__name__startswith="示例·", minor__birth_date__gt=youngest)
        .select_related("minor")
        .order_by("reference")
    )


def load(stdout):
    today = city_today()
    fund, _created = ReliefFund.objects.get_or_create(
        year=today.year,
        defaults={"budget": DEMO_BUDGET, "notes": "示例·市财政局年度预算安排"},
    )
    wanted = max(len(PLACEMENTS), len(APPLICATIONS))
    cases = list(_open_cases()[:wanted])
    if len(cases) < wanted:
        stdout.write("Support: too few open demo cases; load the demo registry first.")
        return
    placements = []
    for case, (place, kind, started, ended) in zip(cases, PLACEMENTS, strict=False):
        placement = Placement.objects.filter(case=case, place=place).first()
        if placement is None:
            placement = Placement.objects.create(
                case=case,
                kind=kind,
                place=place,
                start=today - datetime.timedelta(days=started),
                planned_end=today + datetime.timedelta(days=365),
                actual_end=today - datetime.timedelta(days=ended) if ended else None,
                end_reason="示例·监护人恢复监护能力,回归家庭" if ended else "",
            )
        placements.append(placement)
    for index, (case, (reason, amount, status, paid)) in enumerate(
        zip(cases, APPLICATIONS, strict=True)
    ):
        if ReliefApplication.objects.filter(case=case, reason=reason).exists():
            continue
        now = timezone.now()
        application = ReliefApplication.objects.create(
            fund=fund,
            case=case,
            # The first rests on the current placement: payments stop when it ends.
            placement=placements[0] if index == 0 else None,
            reason=reason,
            amount=Decimal(amount),
            status=status,
            reviewed_at=now if status != S.SUBMITTED else None,
            review_comment="示例·材料齐全,情况属实。" if status != S.SUBMITTED else "",
            decided_at=now if status in ReliefApplication.COMMITTED else None,
            approved_amount=Decimal(amount) if status in ReliefApplication.COMMITTED else None,
        )
        if paid:
            ReliefPayment.objects.create(
                application=application,
                paid_on=today - datetime.timedelta(days=7),
                amount=Decimal(paid),
                voucher=f"示例-PZ-{index + 1:03d}",
            )
    families = Family.objects.filter(is_poor_family=True, name__startswith="示例·").order_by("pk")
    departments = {d.name: d for d in Department.objects.all()}
    for family, (kind, description, amount, provider) in zip(families, ASSISTANCE, strict=False):
        Assistance.objects.get_or_create(
            family=family,
            description=description,
            defaults={
                "kind": kind,
                "date": today - datetime.timedelta(days=20),
                "amount": Decimal(amount) if amount else None,
                "provider": departments.get(provider),
            },
        )
    stdout.write(
        f"Support: fund {fund.year} (balance {fund.balance()} yuan), "
        f"{Placement.objects.count()} placements, {ReliefApplication.objects.count()} relief "
        f"applications, {Assistance.objects.count()} assistance records."
    )
