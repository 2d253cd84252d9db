"""What sets the notification rules off, connected when the app starts: a record of any
extendable type created, a public report received, an import finished, a case's status
changed (through protection.lifecycle's listener); and what empties the lifecycle cache."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from . import lifecycle, records, rules
from .models import LifecycleState, LifecycleTransition, Trigger


def record_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        rules.happened(Trigger.CREATED, instance)


def report_received(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        rules.happened(Trigger.REPORT, instance, record_type="intake_report")


def import_finished(sender, instance, raw=False, **kwargs):
    if raw or instance.status not in ("done", "failed"):
        return
    data = {"status": instance.status, "file": instance.file_name[:100]}
    rules.happened(Trigger.IMPORT, instance, data=data, record_type="import", once=True)


def status_changed(case, transition, previous, user):
    data = {"from": previous, "to": transition.target, "transition": transition.name}
    rules.happened(Trigger.STATUS, case, data=data)


def connect():
    from django.apps import apps

    from protection import lifecycle as case_lifecycle
    from protection import states

    for key in records.RECORD_TYPES:
        model = records.model_for(key)
        if model is not None:
            post_save.connect(record_created, sender=model, dispatch_uid=f"lowcode-created-{key}")
    post_save.connect(
        report_received,
        sender=apps.get_model("protection.IntakeReport"),
        dispatch_uid="lowcode-report",
    )
    post_save.connect(
        import_finished,
        sender=apps.get_model("lantian.ImportRecord"),
        dispatch_uid="lowcode-import",
    )
    case_lifecycle.on_transition(status_changed)
    case_lifecycle.use_configuration(lifecycle.configured_transitions)
    states.use_configuration(lifecycle.configured_states)
    for model in (LifecycleState, LifecycleTransition):
        post_save.connect(
            lifecycle.forget, sender=model, dispatch_uid=f"lowcode-forget-{model.__name__}"
        )
        post_delete.connect(
            lifecycle.forget, sender=model, dispatch_uid=f"lowcode-forget-d-{model.__name__}"
        )
    m2m_changed.connect(
        lifecycle.forget,
        sender=LifecycleTransition.sources.through,
        dispatch_uid="lowcode-forget-m2m",
    )
