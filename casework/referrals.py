"""The referral's steps (五(七)): sent → accepted or rejected → done, or revoked by the sender;
while accepted the liaison records what the department does.

Each step is named, needs its permission and the right side (the receiving department's liaison,
or the sending jurisdiction), and is written three times: on the referral's own timeline (what the
liaison reads), on the case's timeline (what the township reads) and in Wagtail's audit log."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from protection.models import CaseNote
from protection.scope import DEPARTMENT, scope_for

from .models import Referral, ReferralEvent

S = Referral.Status
RECEIVER, SENDER = "receiver", "sender"


@dataclass(frozen=True)
class Step:
    name: str
    label: str
    sources: tuple
    target: str | None  # None: the status stays (an action recorded)
    permission: str
    side: str
    text_label: str
    text_required: bool = True


STEPS = {
    s.name: s
    for s in [
        Step(
            "accept",
            _("accept the referral"),
            (S.SENT,),
            S.ACCEPTED,
            "casework.answer_referral",
            RECEIVER,
            _("note"),
            text_required=False,
        ),
        Step(
            "reject",
            _("reject the referral"),
            (S.SENT,),
            S.REJECTED,
            "casework.answer_referral",
            RECEIVER,
            _("reason for rejecting"),
        ),
        Step(
            "record",
            _("record an action"),
            (S.ACCEPTED,),
            None,
            "casework.answer_referral",
            RECEIVER,
            _("what the department did"),
        ),
        Step(
            "complete",
            _("close as done"),
            (S.ACCEPTED,),
            S.DONE,
            "casework.answer_referral",
            RECEIVER,
            _("outcome"),
        ),
        Step(
            "revoke",
            _("revoke the referral"),
            (S.SENT, S.ACCEPTED),
            S.REVOKED,
            "casework.revoke_referral",
            SENDER,
            _("reason for revoking"),
        ),
    ]
}
SENT_LABEL = _("referral sent")


def on_side(referral, user, side):
    """The receiving side is a liaison of the referral's department; the sending side is any
    other jurisdiction that sees the referral (the caller has checked the scope)."""
    scope = scope_for(user)
    if user.is_superuser:
        return True
    if side == RECEIVER:
        return scope.level == DEPARTMENT and scope.department_id == referral.department_id
    return scope.level != DEPARTMENT


def step_label(name):
    """The label of a step name on the referral's timeline."""
    return SENT_LABEL if name == "sent" else STEPS[name].label if name in STEPS else name


def may(referral, user, step):
    return user.has_perm(step.permission) and on_side(referral, user, step.side)


def available(referral, user):
    """The steps this user may take on this referral now."""
    return [s for s in STEPS.values() if referral.status in s.sources and may(referral, user, s)]


def write_step(referral, user, step_name, label, text, previous):
    """The three records of one step: referral timeline, case timeline, audit log."""
    ReferralEvent.objects.create(referral=referral, step=step_name, author=user, text=text)
    CaseNote.objects.create(
        case_id=referral.case_id,
        author=user,
        text=gettext("Referral %(ref)s to %(unit)s: %(step)s. %(text)s")
        % {"ref": referral.reference, "unit": referral.department, "step": label, "text": text},
    )
    log(
        referral,
        f"casework.referral.{step_name}",
        user=user,
        data={"from": previous, "to": referral.status, "text": text},
    )


def send(referral, user):
    """Save a new referral as sent, by this user, and write the step."""
    with transaction.atomic():
        referral.status = S.SENT
        referral.sent_by = user
        referral.sent_at = timezone.now()
        referral.save()
        write_step(referral, user, "sent", str(SENT_LABEL), referral.requested_service, "")
    return referral


def apply(referral, name, user, text=""):
    """Take one step; raise PermissionDenied or ValidationError (in the user's language) and
    change nothing when it may not happen."""
    step = STEPS.get(name)
    if step is None:
        raise ValidationError(_("Unknown step."))
    if not may(referral, user, step):
        raise PermissionDenied
    text = (text or "").strip()
    with transaction.atomic():
        # Lock the row so that an accept and a revoke at the same moment cannot both pass.
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        if referral.status not in step.sources:
            raise ValidationError(
                _("A referral that is %(status)s cannot be changed this way.")
                % {"status": referral.get_status_display()}
            )
        if step.text_required and not text:
            raise ValidationError(_("Please fill in: %(what)s.") % {"what": step.text_label})
        previous = referral.status
        now = timezone.now()
        if step.target:
            referral.status = step.target
        if name in ("accept", "reject"):
            referral.answered_at = now
        if name == "reject":
            referral.answer = text
        if name == "complete":
            referral.outcome = text
        if referral.status not in Referral.OPEN:
            referral.closed_at = now
        referral.save()
        write_step(referral, user, name, str(step.label), text, previous)
    return referral
