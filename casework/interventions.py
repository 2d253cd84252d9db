"""The ladder of a guardianship intervention (五(四)): how a step is recorded.

Steps go up in order: guidance → admonition → stopping → reprimand → correction → judicial
procedure. Repeating the current step (a second admonition) is ordinary work. Moving up is an
escalation: it needs the permission casework.escalate_intervention and a reason. Skipping steps
is refused, naming the skipped steps, unless the user has that permission and gives a reason (a
child in danger may need the police at once). Going back down is refused: a new intervention
starts over. Each step goes on the case's timeline and into the audit log."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from protection.models import CaseNote

from .models import Intervention, InterventionDocument, InterventionStep
from .models.interventions import Stage

ESCALATE = "casework.escalate_intervention"


def check_step(intervention, user, stage, reason):
    """The ladder's rule for a new step at `stage`: {field: error} (empty when allowed)."""
    if intervention.status == Intervention.Status.CLOSED:
        return {NON_FIELD_ERRORS: _("This intervention is closed; open a new one to act again.")}
    current = intervention.stage or 0
    if stage < current:
        return {
            "stage": _(
                "Steps go in order: this intervention is already at %(current)s. To start "
                "again from a milder step, close it and open a new intervention."
            )
            % {"current": Stage(current).label}
        }
    first = current == 0 and stage == Stage.GUIDANCE
    if stage == current or first:
        return {}
    skipped = [str(Stage(s).label) for s in range(current + 1, stage)]
    allowed = user.has_perm(ESCALATE)
    if skipped and not (allowed and reason):
        return {
            "stage": _(
                "Steps cannot be skipped: %(skipped)s come before %(stage)s. Only a user who "
                "may escalate interventions can skip steps, and must give the reason."
            )
            % {"skipped": "、".join(skipped), "stage": Stage(stage).label}
        }
    if not allowed:
        return {
            "stage": _(
                "Escalating to %(stage)s is decided by the township station: you may record "
                "%(current)s again, or ask them to escalate."
            )
            % {"stage": Stage(stage).label, "current": Stage(current).label if current else "-"}
        }
    if not reason:
        return {"escalation_reason": _("Give the reason for escalating.")}
    return {}


def record_step(intervention, user, *, stage, date, responsible_unit, action, outcome="",
                reason="", document=None, document_title=""):  # fmt: skip
    """Record one step; raise ValidationError ({field: message}) and save nothing when the ladder
    does not allow it."""
    reason = (reason or "").strip()
    errors = check_step(intervention, user, stage, reason)
    if errors:
        raise ValidationError(errors)
    previous = intervention.stage
    escalation = stage > (previous or Stage.GUIDANCE)
    with transaction.atomic():
        step = InterventionStep.objects.create(
            intervention=intervention,
            stage=stage,
            date=date,
            responsible_unit=responsible_unit,
            action=action,
            outcome=outcome,
            escalation_reason=reason if escalation else "",
            recorded_by=user,
        )
        if document:
            attach(step, user, document, document_title)
        intervention.stage = stage
        intervention.save(update_fields=["stage"])
        label = Stage(stage).label
        if escalation:
            text = gettext(
                "Guardianship intervention escalated to %(stage)s (%(unit)s): %(reason)s"
            )
        else:
            text = gettext("Guardianship intervention step %(stage)s (%(unit)s): %(action)s")
        CaseNote.objects.create(
            case_id=intervention.case_id,
            author=user,
            text=text
            % {"stage": label, "unit": responsible_unit, "reason": reason, "action": action},
        )
        log(
            intervention,
            "casework.intervention.escalate" if escalation else "casework.intervention.step",
            user=user,
            data={"from": previous, "to": stage, "reason": reason, "step": step.pk},
        )
    return step


def record_outcome(step, user, outcome, document=None, document_title=""):
    """Write how the guardians responded to a step (and a document of it): the step is no
    longer open."""
    outcome = (outcome or "").strip()
    if not outcome:
        raise ValidationError({"outcome": _("Write the outcome.")})
    with transaction.atomic():
        step.outcome = outcome
        step.save(update_fields=["outcome"])
        if document:
            attach(step, user, document, document_title)
        log(step.intervention, "casework.intervention.outcome", user=user, data={"step": step.pk})
    return step


def attach(step, user, upload, title=""):
    document = InterventionDocument(step=step, title=(title or upload.name)[:100], uploaded_by=user)
    document.file.save(upload.name, upload, save=True)
    log(step.intervention, "casework.intervention.document", user=user, data={"step": step.pk})
    return document


def close(intervention, user, note):
    note = (note or "").strip()
    if intervention.status == Intervention.Status.CLOSED:
        raise ValidationError(_("This intervention is already closed."))
    if not note:
        raise ValidationError({"note": _("Say how the intervention ends.")})
    with transaction.atomic():
        intervention.status = Intervention.Status.CLOSED
        intervention.closing_note = note
        intervention.save(update_fields=["status", "closing_note"])
        CaseNote.objects.create(
            case_id=intervention.case_id,
            author=user,
            text=gettext("Guardianship intervention closed: %(note)s") % {"note": note},
        )
        log(intervention, "casework.intervention.close", user=user, data={"note": note})
    return intervention
