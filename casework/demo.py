"""Demo case work on the demo cases of 索河街道 (the demo township login's): referrals in every
state, most to 市公安局 (the demo liaison's department), one overdue, and one guardianship
intervention two steps up the ladder. Idempotent: a referral is matched by its reason, the
intervention by its concern (each a fixed demo text); nothing is added twice.

Demo referrals are moved to their state directly, without the permission checks of a user's
step (the demo logins may not exist yet when this runs); each step is still written to the
referral's and the case's timelines and the audit log by casework.referrals."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from protection.models import Case, Department

from . import referrals
from .models import Intervention, InterventionStep, Referral

# (department, requested service, reason, days from today to the due date, steps taken)
REFERRALS = [
    ("市公安局", "对监护人进行训诫", "示例·邻居反映父亲酒后多次打骂孩子。", 7, []),
    (
        "市公安局",
        "核查户籍并协助办理身份证",
        "示例·孩子没有户口,无法入学。",
        10,
        [("accept", ""), ("record", "示例·已到户籍窗口核对出生证明。")],
    ),
    ("市教体局", "协助孩子复学", "示例·孩子已辍学两个月。", -3, []),
    (
        "市人社局",
        "为母亲提供就业培训",
        "示例·母亲独自抚养孩子,没有收入。",
        5,
        [("reject", "示例·已由乡镇劳动保障所安排,请直接联系该所。")],
    ),
    (
        "市卫计委",
        "心理疏导",
        "示例·孩子目睹家暴后夜里惊醒。",
        -10,
        [("accept", ""), ("complete", "示例·完成六次心理疏导,孩子情绪稳定。")],
    ),
    (
        "市妇联",
        "儿童之家陪伴",
        "示例·放学后无人照看。",
        14,
        [("revoke", "示例·家庭已搬离本村。")],
    ),
]
SHARED = [*Referral.DEFAULT_SHARED, Referral.Shared.GUARDIANS]
CONCERN = "示例·父亲酗酒后打骂孩子,母亲外出务工。"


def load(stdout):
    cases = list(
        Case.objects.filter(minor__name__startswith="示例·", minor__township__name="索河街道")
        .exclude(status=Case.Status.CLOSED)
        .select_related("minor")
        .order_by("pk")
    )
    if not cases:
        stdout.write("Case work: no demo cases in 索河街道; nothing to add.")
        return
    units = {d.name: d for d in Department.objects.all()}
    users = get_user_model().objects.filter(username__in=["demo-township", "demo-police"])
    by_name = {u.username: u for u in users}
    sender, liaison = by_name.get("demo-township"), by_name.get("demo-police")
    today = timezone.localdate()
    added = 0
    for number, (unit, service, reason, due_in, steps) in enumerate(REFERRALS):
        case = cases[number % len(cases)]
        if unit not in units or Referral.objects.filter(reason=reason).exists():
            continue
        due = today + datetime.timedelta(days=due_in)
        referral = Referral.objects.create(
            case=case,
            department=units[unit],
            requested_service=service,
            reason=reason,
            legal_basis="示例·《未成年人保护法》;监护人已书面同意。",
            due_date=due,
            access_until=max(due, today) + datetime.timedelta(days=30),
            shared_fields=[str(f) for f in SHARED],
            sent_by=sender,
            sent_at=timezone.now() - datetime.timedelta(days=max(20 - due_in, 1)),
        )
        label = str(referrals.step_label("sent"))
        referrals.write_step(referral, sender, "sent", label, service, "")
        _take_steps(referral, steps, sender, liaison)
        added += 1
    added += _intervention(cases[-1], units, sender)
    stdout.write(f"Case work: {added} demo referrals and interventions added.")


def _take_steps(referral, steps, sender, liaison):
    for name, text in steps:
        step, previous, now = referrals.STEPS[name], referral.status, timezone.now()
        referral.status = step.target or referral.status
        if name in ("accept", "reject"):
            referral.answered_at = now
        referral.answer = text if name == "reject" else referral.answer
        referral.outcome = text if name == "complete" else referral.outcome
        if referral.status not in Referral.OPEN:
            referral.closed_at = now
        referral.save()
        author = sender if step.side == referrals.SENDER else liaison
        referrals.write_step(referral, author, name, str(step.label), text, previous)


def _intervention(case, units, user):
    if Intervention.objects.filter(concern=CONCERN).exists():
        return 0
    today = timezone.localdate()
    intervention = Intervention.objects.create(
        case=case,
        family=case.minor.family,
        concern=CONCERN,
        opened_on=today - datetime.timedelta(days=40),
        opened_by=user,
        stage=Intervention.Stage.ADMONITION,
    )
    station = units.get("各乡镇(街道)") or next(iter(units.values()))
    InterventionStep.objects.create(
        intervention=intervention,
        stage=Intervention.Stage.GUIDANCE,
        date=today - datetime.timedelta(days=35),
        responsible_unit=station,
        action="示例·村督导员上门,向父亲讲解监护职责和家庭教育方法。",
        outcome="示例·父亲表示改正,但两周后邻居再次反映打骂。",
        recorded_by=user,
    )
    InterventionStep.objects.create(
        intervention=intervention,
        stage=Intervention.Stage.ADMONITION,
        date=today - datetime.timedelta(days=5),
        responsible_unit=station,
        action="示例·民政所与村委会共同约谈父亲,出具劝诫书。",
        escalation_reason="示例·指导后仍有打骂行为。",
        recorded_by=user,
    )
    return 1
