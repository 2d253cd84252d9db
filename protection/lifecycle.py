"""The case lifecycle: reported → verified → assessed → in service → closed, and reopened.

Each transition is named, needs its own permission, and is written twice: to Wagtail's audit log
(action "protection.case.<name>") and to the case's timeline (who, when, from, to, comment)."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from .models import Case, CaseNote

S = Case.Status


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str
    permission: str
    comment_required: bool = False


TRANSITIONS = {
    t.name: t
    for t in [
        Transition("verify", _("verify"), (S.REPORTED,), S.VERIFIED, "protection.verify_case"),
        Transition(
            "assess", _("record assessment"), (S.VERIFIED,), S.ASSESSED, "protection.assess_case"
        ),
        Transition(
            "start_service",
            _("start service"),
            (S.ASSESSED,),
            S.IN_SERVICE,
            "protection.start_service",
        ),
        Transition(
            "close",
            _("close"),
            (S.REPORTED, S.VERIFIED, S.ASSESSED, S.IN_SERVICE),
            S.CLOSED,
            "protection.close_case",
            comment_required=True,
        ),
        Transition(
            "reopen",
            _("reopen"),
            (S.CLOSED,),
            S.REPORTED,
            "protection.reopen_case",
            comment_required=True,
        ),
    ]
}


def available(case, user):
    """The transitions this user may make on this case now."""
    return [
        t for t in TRANSITIONS.values() if case.status in t.sources and user.has_perm(t.permission)
    ]


def apply(case, name, user, comment=""):
    """Move the case along one transition; raise PermissionDenied or ValidationError (in the
    user's language) and change nothing when it may not happen."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise ValidationError(_("Unknown status change."))
    if not user.has_perm(transition.permission):
        raise PermissionDenied
    if case.status not in transition.sources:
        raise ValidationError(
            _("A case that is %(status)s cannot be changed this way.")
            % {"status": case.get_status_display()}
        )
    comment = (comment or "").strip()
    if transition.comment_required and not comment:
        raise ValidationError(_("Please say why."))
    previous = case.status
    with transaction.atomic():
        case.status = transition.target
        if transition.target == S.CLOSED:
            case.closing_reason = comment
        case.save(update_fields=["status", "closing_reason"])
        CaseNote.objects.create(
            case=case,
            kind=CaseNote.Kind.TRANSITION,
            author=user,
            text=comment or str(transition.label),
            from_status=previous,
            to_status=transition.target,
        )
        log(
            case,
            f"protection.case.{transition.name}",
            user=user,
            data={"from": previous, "to": transition.target, "comment": comment},
        )
    return case
