"""The case lifecycle: reported → verified → assessed → in service → closed, and reopened.

Each transition is named, needs its own permission, may require a comment and fields filled in
first, and is written twice: to Wagtail's audit log and to the case's timeline (who, when, from,
to, comment).

The steps below are the default. An administrator may edit the lifecycle (states and
transitions) in the admin: the low-code app then supplies it through use_configuration(), and
TRANSITIONS, available() and apply() follow it without their callers changing. Listeners added
with on_transition() hear of every change (notification rules)."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import capfirst
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
    required_fields: tuple = ()  # fields of the case that must be filled in first
    closes: bool = False  # the comment is kept as the closing reason
    log_action: str = ""  # "protection.case.<name>" unless set

    @property
    def action(self):
        return self.log_action or f"protection.case.{self.name}"


DEFAULT_TRANSITIONS = {
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
            closes=True,
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

_configuration = None  # a callable: {name: Transition} as configured, or None for the default
_listeners = []


def use_configuration(source):
    """Let `source()` supply the transitions (the low-code lifecycle editor)."""
    global _configuration
    _configuration = source


def on_transition(listener):
    """Call listener(case, transition, previous status, user) after each change commits."""
    _listeners.append(listener)


def transitions():
    configured = _configuration() if _configuration is not None else None
    return configured or DEFAULT_TRANSITIONS


class _Current(Mapping):
    """TRANSITIONS reads the lifecycle in force at each use, so code that looks a step up by
    name (the status-change view) follows the configuration."""

    def __getitem__(self, name):
        return transitions()[name]

    def __iter__(self):
        return iter(transitions())

    def __len__(self):
        return len(transitions())


TRANSITIONS = _Current()


def available(case, user):
    """The transitions this user may make on this case now."""
    return [
        t
        for t in transitions().values()
        if case.status in t.sources and user.has_perm(t.permission)
    ]


def missing_fields(case, transition):
    """Labels of the fields this transition needs that the case has not filled in."""
    missing = []
    for name in transition.required_fields:
        field = Case._meta.get_field(name)
        value = getattr(case, name)
        empty = not value.exists() if field.many_to_many else value in (None, "")
        if empty:
            missing.append(str(capfirst(field.verbose_name)))
    return missing


def apply(case, name, user, comment=""):
    """Move the case along one transition; raise PermissionDenied or ValidationError (in the
    user's language) and change nothing when it may not happen."""
    transition = transitions().get(name)
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
    missing = missing_fields(case, transition)
    if missing:
        raise ValidationError(
            _("Fill in first: %(fields)s.") % {"fields": "、".join(missing)}, code="missing"
        )
    previous = case.status
    with transaction.atomic():
        case.status = transition.target
        if transition.closes:
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
            transition.action,
            user=user,
            data={"from": previous, "to": transition.target, "comment": comment},
        )
        for listener in _listeners:
            listener(case, transition, previous, user)
    return case
