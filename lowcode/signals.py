"""What sets the notification rules off, connected when the app starts: a record of any
extendable type created, a public report received, an import finished, a case's status
changed (through protection.lifecycle's listener); what empties the lifecycle cache and the
custom-field definitions read in a request; the custom values a revision keeps; and the custom
text in Wagtail's search index."""

from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

from . import lifecycle, records, rules, values
from .models import CustomField, LifecycleState, LifecycleTransition, Trigger


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


def revision_saved(sender, instance, raw=False, **kwargs):
    """A revision of an extendable record keeps the record's custom values beside its own
    fields, so that compare shows them. The form stores the values before Wagtail takes the
    revision (forms.CustomFieldsFormMixin.save)."""
    if raw:
        return
    from django.contrib.contenttypes.models import ContentType

    if not instance.content_type_id:
        return
    model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    key = records.key_for(model)
    if key is None or not values.fields_for(key, include_archived=True):
        return
    record = model._default_manager.filter(pk=instance.object_id).first()
    if record is None:
        return
    held = values.revision_values(record)
    if instance.content.get(values.REVISION_KEY) == held:
        return
    instance.content[values.REVISION_KEY] = held
    type(instance).objects.filter(pk=instance.pk).update(content=instance.content)


def index_custom_text():
    """Records of a type in Wagtail's search index carry their custom text as one more search
    field, computed from the values (values.search_text), so that searching the index finds a
    record by what was typed into its custom fields. Added here, once, rather than in each
    app's model: the set of extendable record types is lowcode's (records.RECORD_TYPES)."""
    from wagtail.search import index

    for key in records.RECORD_TYPES:
        model = records.model_for(key)
        if model is None or not issubclass(model, index.Indexed):
            continue
        if not hasattr(model, values.SEARCH_ATTRIBUTE):
            setattr(model, values.SEARCH_ATTRIBUTE, values.custom_text)
        names = {getattr(f, "field_name", None) for f in model.search_fields}
        if values.SEARCH_ATTRIBUTE not in names:
            model.search_fields = [*model.search_fields, index.SearchField(values.SEARCH_ATTRIBUTE)]


def connect():
    from django.apps import apps
    from wagtail.models import Revision

    request_started.connect(values.request_started, dispatch_uid="lowcode-fields-request")
    request_finished.connect(values.request_finished, dispatch_uid="lowcode-fields-done")
    post_save.connect(values.forget, sender=CustomField, dispatch_uid="lowcode-fields-saved")
    post_delete.connect(values.forget, sender=CustomField, dispatch_uid="lowcode-fields-gone")
    m2m_changed.connect(
        values.forget, sender=CustomField.categories.through, dispatch_uid="lowcode-fields-m2m"
    )
    # A flush or a migration changes the tables without saving a field.
    post_migrate.connect(values.forget, dispatch_uid="lowcode-fields-migrated")
    post_save.connect(revision_saved, sender=Revision, dispatch_uid="lowcode-revision")
    index_custom_text()

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
