"""Notification rules with several conditions on a record's fields (is, is one of, a date
within N days, empty, not empty), all of which must hold; edited inline on the rule's form,
each edit in the audit log with what changed; rules of one condition from before keep firing."""

import datetime
import importlib

from django.apps import apps
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from lantian import clock
from lowcode import rules, values
from lowcode.models import CustomField, Kind, Operator, Rule, RuleCondition, Trigger
from lowcode.views.rules import EDITED
from protection import roles
from protection.models import Case
from tests.protection.factories import CaseFactory, staff

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def watchers():
    """A group whose one member reads the rule's e-mails."""
    group = Group.objects.create(name="高风险个案督办")
    user = staff(roles.CITY_OFFICE, username="watcher")
    user.groups.add(group)
    return group, user


def rule_with(group, *conditions):
    rule = Rule.objects.create(
        name="高风险且已派社工",
        trigger=Trigger.CREATED,
        record_type="case",
        email_group=group,
        audit=False,
    )
    for order, (field_name, operator, value, days) in enumerate(conditions):
        RuleCondition.objects.create(
            rule=rule,
            sort_order=order,
            field_name=field_name,
            operator=operator,
            value=value,
            days=days,
        )
    return rule


def opened(capture, minor, **fields):
    with capture(execute=True):
        return CaseFactory(minor=minor, **fields)


def test_a_rule_fires_only_when_all_its_conditions_hold(world, django_capture_on_commit_callbacks):
    group, watcher = watchers()
    rule_with(
        group,
        ("risk_level", Operator.IN, "high、urgent", None),
        ("assigned_worker", Operator.NOT_EMPTY, "", None),
    )
    worker = world.users["village"]
    capture = django_capture_on_commit_callbacks
    opened(capture, world.minor_a, risk_level=Case.RiskLevel.HIGH)  # no worker yet
    opened(capture, world.minor_a, risk_level=Case.RiskLevel.LOW, assigned_worker=worker)
    assert mail.outbox == []
    case = opened(capture, world.minor_a, risk_level="urgent", assigned_worker=worker)
    assert [m.to for m in mail.outbox] == [[watcher.email]]
    assert case.reference in mail.outbox[0].subject


def test_a_date_within_days_and_an_empty_custom_field(world):
    rule = rule_with(
        Group.objects.create(name="g"),
        ("opened_on", Operator.WITHIN_DAYS, "", 3),
        ("警情编号", Operator.EMPTY, "", None),
    )
    police_number = CustomField.objects.create(
        record_type="case", label_zh="警情编号", label_en="police number", kind=Kind.TEXT
    )
    within, first = rule.conditions.all()
    today = clock.city_today()
    case = world.case_a
    case.opened_on = today - datetime.timedelta(days=3)
    assert rules.condition_holds(within, case)
    case.opened_on = today - datetime.timedelta(days=4)
    assert not rules.condition_holds(within, case)
    assert rules.condition_holds(first, case)
    values.write(case, {police_number: "荥公（2026）118号"})
    assert not rules.condition_holds(first, case)
    first.operator = Operator.NOT_EMPTY
    assert rules.condition_holds(first, case)
    first.operator, first.value = Operator.EQUALS, "荥公（2026）118号"
    assert rules.condition_holds(first, case)
    # A field the record does not have never holds: a misspelt rule tells nobody.
    assert not rules.condition_holds(RuleCondition(field_name="风险", operator="empty"), case)


def condition(index, field_name, operator, value="", days="", pk=""):
    prefix = f"conditions-{index}-"
    return {
        prefix + "id": str(pk),
        prefix + "ORDER": str(index + 1),
        prefix + "field_name": field_name,
        prefix + "operator": operator,
        prefix + "value": value,
        prefix + "days": str(days),
    }


def rule_form(name, *conditions, initial=0):
    data = {
        "name": name,
        "enabled": "on",
        "trigger": Trigger.CREATED,
        "record_type": "case",
        "risk_levels": "[]",
        "status": "",
        "audit": "on",
        "conditions-TOTAL_FORMS": str(len(conditions)),
        "conditions-INITIAL_FORMS": str(initial),
        "conditions-MIN_NUM_FORMS": "0",
        "conditions-MAX_NUM_FORMS": "1000",
    }
    for part in conditions:
        data.update(part)
    return data


def test_conditions_are_edited_inline_and_each_edit_is_logged(admin_client, admin_user, world):
    form = admin_client.get(reverse("lowcode_rules:add"), **ZH).content.decode()
    assert "conditions-TOTAL_FORMS" in form  # the inline panel
    response = admin_client.post(
        reverse("lowcode_rules:add"),
        rule_form(
            "高风险或紧急",
            condition(0, "risk_level", "in", "high、urgent"),
            condition(1, "assigned_worker", "not_empty"),
        ),
    )
    assert response.status_code == 302
    rule = Rule.objects.get(name="高风险或紧急")
    assert [str(c.field_name) for c in rule.conditions.all()] == ["risk_level", "assigned_worker"]
    first, second = rule.conditions.all()
    response = admin_client.post(
        reverse("lowcode_rules:edit", args=[rule.pk]),
        rule_form(
            "高风险或紧急",
            condition(0, "risk_level", "in", "urgent", pk=first.pk),
            condition(1, "assigned_worker", "not_empty", pk=second.pk),
            initial=2,
        ),
    )
    assert response.status_code == 302
    assert rule.conditions.first().values() == ["urgent"]
    entry = ModelLogEntry.objects.for_instance(rule).get(action=EDITED)
    assert entry.user == admin_user
    (change,) = entry.data["changes"].values()
    assert "high、urgent" in change["from"] and "high、urgent" not in change["to"]
    history = admin_client.get(reverse("lowcode_rules:history", args=[rule.pk]), **ZH)
    assert "risk_level" in history.content.decode()
    inspect = admin_client.get(reverse("lowcode_rules:inspect", args=[rule.pk]), **ZH)
    page = inspect.content.decode()
    assert "risk_level" in page and "urgent" in page and "assigned_worker" in page


def test_a_comparison_without_a_value_is_refused(admin_client, world):
    response = admin_client.post(
        reverse("lowcode_rules:add"),
        rule_form("缺少取值", condition(0, "risk_level", "equals")),
    )
    assert response.status_code == 200
    assert not Rule.objects.filter(name="缺少取值").exists()


def test_a_rule_of_one_condition_from_before_becomes_its_first_condition(
    world, django_capture_on_commit_callbacks
):
    """The data migration: the rule's single field = value is now its first condition, and
    the rule still fires on it."""
    group, watcher = watchers()
    rule = rule_with(group)

    class Before:  # a rule as the old table held it
        pk = rule.pk
        field_name, field_value = "risk_level", "high"

    class OldRules:
        objects = type("M", (), {"exclude": staticmethod(lambda **kw: [Before])})

    migration = importlib.import_module("lowcode.migrations.0002_queries_rules_conditions")
    models = {"Rule": OldRules, "RuleCondition": apps.get_model("lowcode", "RuleCondition")}

    class Apps:
        def get_model(self, app, name):
            return models[name]

    migration.conditions_from_single_fields(Apps(), None)
    (only,) = rule.conditions.all()
    assert (only.field_name, only.operator, only.value) == ("risk_level", "equals", "high")
    opened(django_capture_on_commit_callbacks, world.minor_a, risk_level="medium")
    assert mail.outbox == []
    opened(django_capture_on_commit_callbacks, world.minor_a, risk_level="high")
    assert [m.to for m in mail.outbox] == [[watcher.email]]
