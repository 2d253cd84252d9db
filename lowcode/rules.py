"""Notification rules at work: events are recorded, the enabled rules whose conditions hold are
fired, and every firing (dry runs too) is kept with whom it told.

E-mails name the record (a case number, a receipt) and link to it in the admin, but carry no
child's name or situation: mail leaves the system, the record stays behind the login and the
reader's jurisdiction."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lantian import clock

from . import records, values
from .models import DashboardTask, Event, Operator, Rule, RuleFiring
from .tasks import send_rule_mail

FIRED = "lowcode.rule_fired"


# events
def _follow(instance, path):
    for part in path.split("__"):
        instance = getattr(instance, part, None)
        if instance is None:
            return None
    return instance


def township_of(instance):
    paths = getattr(type(instance), "scope_paths", None) or {}
    if "township" in paths:
        return _follow(instance, paths["township"])
    return getattr(instance, "township", None)


def summary_of(instance):
    """How an event names its record: a number staff use, never a child's name."""
    for attribute in ("reference", "receipt"):
        if getattr(instance, attribute, ""):
            return getattr(instance, attribute)
    return f"{instance._meta.verbose_name} #{instance.pk}"


def record_event(trigger, instance, data=None, record_type=None):
    township = township_of(instance)
    return Event.objects.create(
        trigger=trigger,
        record_type=record_type or records.key_for(type(instance)) or "",
        object_id=instance.pk,
        township=township if township is not None and township.pk else None,
        summary=summary_of(instance)[:200],
        data=data or {},
    )


def record_of(event):
    model = records.model_for(event.record_type)
    if model is None or event.object_id is None:
        return None
    return model._default_manager.filter(pk=event.object_id).first()


# conditions
def _ids(manager):
    return {obj.pk for obj in manager.all()}


class Held:
    """What a record holds in one field, as the conditions compare it: the texts it reads as
    (stored value and shown label; each of several), a date, and whether it is empty."""

    def __init__(self, texts=(), day=None, empty=True):
        self.texts, self.day, self.empty = {str(t) for t in texts}, day, empty


def _as_day(value):
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            return timezone.localtime(value, clock.city_tz()).date()
        return value.date()
    return value if isinstance(value, datetime.date) else None


def held(record, name):
    """The record's field `name` (a model field's name, or a custom field's label in Chinese
    or English), or None when the record has no such field."""
    try:
        field = record._meta.get_field(name)
    except FieldDoesNotExist:
        field = None
    if field is not None and (field.many_to_many or field.one_to_many):
        related = list(getattr(record, name).all())
        return Held([str(o) for o in related] + [o.pk for o in related], empty=not related)
    if field is not None:
        value = getattr(record, name, None)
        if value in (None, "", []):
            return Held()
        shown = getattr(record, f"get_{name}_display", lambda: value)()
        texts = [value, shown] + ([value.pk] if hasattr(value, "pk") else [])
        return Held(texts, _as_day(value), empty=False)
    for custom in values.fields_for(records.key_for(type(record)), include_archived=True):
        if name in (custom.label_zh, custom.label_en):
            stored = values.read_one(record, [custom]).get(custom.pk)
            if stored in (None, "", []):
                return Held()
            several = stored if isinstance(stored, list) else [stored]
            shown = values.display(custom, stored, plain=True)
            return Held([*several, shown], _as_day(stored), empty=False)
    return None


def condition_holds(condition, record, today=None):
    """Whether one of a rule's conditions holds for the record; never for a field the record
    does not have (a misspelt field name fires nothing rather than everything)."""
    found = held(record, condition.field_name.strip()) if record is not None else None
    if found is None:
        return False
    if condition.operator == Operator.EMPTY:
        return found.empty
    if condition.operator == Operator.NOT_EMPTY:
        return not found.empty
    if condition.operator == Operator.WITHIN_DAYS:
        today = today or clock.city_today()
        return found.day is not None and abs((found.day - today).days) <= (condition.days or 0)
    return any(wanted in found.texts for wanted in condition.values())


def matches(rule, event, record):
    """Whether all of the rule's conditions hold for this event and record."""
    if rule.trigger != event.trigger:
        return False
    if rule.record_type and rule.record_type != event.record_type:
        return False
    townships = _ids(rule.townships)
    if townships and event.township_id not in townships:
        return False
    if rule.status and event.data.get("to") != rule.status:
        return False
    for relation in ("categories", "tags"):
        wanted = _ids(getattr(rule, relation))
        if wanted:
            held = getattr(record, relation, None) if record is not None else None
            if held is None or not wanted & _ids(held):
                return False
    if rule.risk_levels and getattr(record, "risk_level", None) not in rule.risk_levels:
        return False
    return all(condition_holds(condition, record) for condition in rule.conditions.all())


# actions
def _reachable(users):
    return users.filter(is_active=True).exclude(email="")


def recipients(rule, event, record):
    """The users the rule's e-mail goes to, for this event."""
    User = get_user_model()
    found = set()
    if rule.email_group_id:
        found |= set(_reachable(User.objects.filter(groups=rule.email_group)))
    if rule.email_role_id:
        role = _reachable(User.objects.filter(groups=rule.email_role))
        if rule.email_role_department_id:
            role = role.filter(lantian_scope__department=rule.email_role_department_id)
        local = (
            role.filter(lantian_scope__townships=event.township_id) if event.township_id else None
        )
        if local is not None and local.exists():
            found |= set(local)
        elif rule.email_role_department_id:
            # No liaison of the department named for this township: its city-wide ones.
            found |= set(role.filter(lantian_scope__townships=None))
    if rule.email_assigned_worker and record is not None:
        worker = getattr(record, "assigned_worker", None) or _follow(
            record, "case__assigned_worker"
        )
        if worker is not None and worker.is_active and worker.email:
            found.add(worker)
    return sorted(found, key=lambda user: user.pk)


def admin_url(event):
    model = records.model_for(event.record_type)
    viewset = records.viewset_of(model) if model else None
    if viewset is None or event.object_id is None:
        return ""
    for name in ("inspect", "edit"):
        try:
            return reverse(viewset.get_url_name(name), args=[event.object_id])
        except NoReverseMatch:
            continue
    return ""


def fire(rule, event, dry_run=False):
    """Carry out (or, in a dry run, only describe) the rule's actions for one event; the
    firing is kept either way."""
    record = record_of(event)
    told = recipients(rule, event, record)
    actions = []
    if told:
        actions.append("email")
    if rule.task_user_id or rule.task_group_id:
        actions.append("task")
    if rule.audit and record is not None:
        actions.append("audit")
    firing = RuleFiring.objects.create(
        rule=rule,
        event=event,
        dry_run=dry_run,
        recipients=[user.get_username() for user in told],
        actions=actions,
    )
    if dry_run:
        return firing
    url = admin_url(event)
    text = f"{rule.name}: {event.summary}"
    if told:
        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
        subject = f"[{_('Lantian')}] {text}"
        body = "\n".join(
            [
                _("A notification rule fired: %(rule)s") % {"rule": rule.name},
                f"{event.get_trigger_display()} · {event.summary}"
                + (f" · {event.township}" if event.township else ""),
                f"{base}{url}" if url else "",
                _("Open the record in the admin to see it; this e-mail carries no personal data."),
            ]
        )
        send_rule_mail.enqueue(subject, body, [user.email for user in told])
    if "task" in actions:
        DashboardTask.objects.create(
            user_id=rule.task_user_id,
            group_id=rule.task_group_id,
            firing=firing,
            text=text[:300],
            url=url,
        )
    if "audit" in actions:
        log(record, FIRED, data={"rule": rule.name, "told": firing.recipients})
    return firing


def handle(event):
    """Fire every enabled rule that matches the event."""
    record = record_of(event)
    fired = []
    for rule in Rule.objects.filter(enabled=True, trigger=event.trigger).prefetch_related(
        "townships", "categories", "tags", "conditions"
    ):
        if matches(rule, event, record):
            fired.append(fire(rule, event))
    return fired


def dry_run(rule, events):
    """[(event, would fire, firing or None)] of the rule against these events; sends nothing."""
    results = []
    for event in events:
        record = record_of(event)
        if matches(rule, event, record):
            results.append((event, True, fire(rule, event, dry_run=True)))
        else:
            results.append((event, False, None))
    return results


def happened(trigger, instance, data=None, record_type=None, once=False):
    """Record the event once the saving transaction commits (nothing for a rolled-back save,
    and the record's tags and categories are in the database by then), then run the rules.
    With once=True, a second event of the same trigger for the record is dropped (an import
    saved again after it finished)."""

    def run():
        model = type(instance)
        fresh = model._default_manager.filter(pk=instance.pk).first()
        kind = record_type or records.key_for(model) or ""
        if fresh is None or (once and already_recorded(trigger, kind, instance.pk)):
            return
        handle(record_event(trigger, fresh, data, record_type))

    transaction.on_commit(run)


def recent_events(days=30, limit=200):
    since = timezone.now() - timezone.timedelta(days=days)
    return list(Event.objects.filter(happened_at__gte=since)[:limit])


def already_recorded(trigger, record_type, object_id, **data):
    events = Event.objects.filter(trigger=trigger, record_type=record_type, object_id=object_id)
    for key, value in data.items():
        events = events.filter(**{f"data__{key}": value})
    return events.exists()
