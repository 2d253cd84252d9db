"""A transition may need a permission the administrator names in the lifecycle editor: it is
created on the case model, offered in Wagtail's group editor, shows the transition's button only
to the groups given it and refuses the change to everybody else. Every edit of the lifecycle
is in the audit log with who changed what."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import ModelLogEntry

from lowcode.models import LifecycleState, LifecycleTransition
from lowcode.views.rules import EDITED
from protection import lifecycle
from protection.models import Case

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
NEW_PERMISSION = "可结案第六类个案"


@pytest.fixture
def seeded(admin_client):
    assert admin_client.post(reverse("lowcode_lifecycle")).status_code == 302
    return LifecycleState.objects.all()


def transition_data(**overrides):
    data = {
        "name": "close_category_6",
        "sort_order": "9",
        "label_zh": "第六类结案",
        "label_en": "close (category 6)",
        "sources": [str(LifecycleState.objects.get(key="in_service").pk)],
        "target": str(LifecycleState.objects.get(key="closed").pk),
        "permission": "",
        "new_permission": NEW_PERMISSION,
        "comment_required": "on",
        "enabled": "on",
    }
    data.update(overrides)
    return data


def test_a_new_permission_named_in_the_editor_guards_the_transition(
    admin_client, client, world, seeded
):
    response = admin_client.post(reverse("lowcode_transitions:add"), transition_data(), **ZH)
    assert response.status_code == 302
    step = LifecycleTransition.objects.get(name="close_category_6")
    created = step.permission
    assert created.name == NEW_PERMISSION
    assert created.content_type.model_class() is Case
    overview = admin_client.get(reverse("lowcode_lifecycle"), **ZH).content.decode()
    assert NEW_PERMISSION in overview  # who may make the change, as the group editor names it
    # Offered in Wagtail's group editor like the case model's built-in permissions.
    group = Group.objects.create(name="第六类个案结案人")
    editor = admin_client.get(reverse("wagtailusers_groups:edit", args=[group.pk]), **ZH)
    assert f'name="permissions" value="{created.pk}"' in editor.content.decode()
    group.permissions.add(created)
    allowed, refused = world.users["township"], world.users["city"]
    allowed.groups.add(group)

    Case.objects.filter(pk=world.case_a.pk).update(status="in_service")
    inspect = reverse("protection_cases:inspect", args=[world.case_a.pk])
    url = reverse("protection_case_transition", args=[world.case_a.pk, "close_category_6"])

    client.force_login(refused)
    assert url not in client.get(inspect, **ZH).content.decode()  # no button
    refusal = client.post(url, {"comment": "已安置"}, follow=True, **ZH)
    assert "对不起， 你没有权限访问。" in refusal.content.decode()  # Wagtail's own refusal
    world.case_a.refresh_from_db()
    assert world.case_a.status == "in_service"

    client.force_login(allowed)
    assert url in client.get(inspect, **ZH).content.decode()
    assert client.post(url, {"comment": "已安置"}).status_code == 302
    world.case_a.refresh_from_db()
    assert world.case_a.status == "closed" and world.case_a.closing_reason == "已安置"


def test_a_name_already_given_reuses_its_permission(admin_client, world, seeded):
    admin_client.post(reverse("lowcode_transitions:add"), transition_data(), **ZH)
    admin_client.post(
        reverse("lowcode_transitions:add"),
        transition_data(name="close_category_6_again", label_zh="第六类结案（二）"),
        **ZH,
    )
    assert Permission.objects.filter(name=NEW_PERMISSION).count() == 1
    assert LifecycleTransition.objects.filter(permission__name=NEW_PERMISSION).count() == 2


def test_a_transition_needs_exactly_one_permission(admin_client, world, seeded):
    url = reverse("lowcode_transitions:add")
    neither = admin_client.post(url, transition_data(new_permission=""), **ZH)
    assert neither.status_code == 200 and "permission" in neither.context["form"].errors
    both = transition_data(permission=str(Permission.objects.get(codename="close_case").pk))
    refused = admin_client.post(url, both, **ZH)
    assert refused.status_code == 200 and "new_permission" in refused.context["form"].errors
    assert not LifecycleTransition.objects.filter(name="close_category_6").exists()
    assert not Permission.objects.filter(name=NEW_PERMISSION).exists()


def test_built_in_transitions_keep_their_permissions_and_edits_are_logged(
    admin_client, admin_user, world, seeded
):
    verify = LifecycleTransition.objects.get(name="verify")
    assert verify.permission.codename == "verify_case"
    data = transition_data(
        name="verify",
        sort_order="0",
        label_zh="入户核实",
        label_en="verify",
        sources=[str(LifecycleState.objects.get(key="reported").pk)],
        target=str(LifecycleState.objects.get(key="verified").pk),
        permission=str(verify.permission.pk),
        new_permission="",
        comment_required="",
    )
    response = admin_client.post(reverse("lowcode_transitions:edit", args=[verify.pk]), data)
    assert response.status_code == 302
    verify.refresh_from_db()
    assert verify.label_zh == "入户核实" and verify.permission.codename == "verify_case"
    assert [t.name for t in lifecycle.available(world.case_a, world.users["village"])] == ["verify"]
    entry = ModelLogEntry.objects.for_instance(verify).get(action=EDITED)
    assert entry.user == admin_user
    assert {"from": "核实", "to": "入户核实"} in entry.data["changes"].values()
    history = admin_client.get(reverse("lowcode_transitions:history", args=[verify.pk]), **ZH)
    assert "核实 → 入户核实" in history.content.decode()


def test_a_renamed_state_is_logged_with_its_old_and_new_label(admin_client, admin_user, seeded):
    state = LifecycleState.objects.get(key="reported")
    data = {"key": "reported", "label_zh": "待核实", "label_en": "reported", "sort_order": "0"}
    response = admin_client.post(reverse("lowcode_states:edit", args=[state.pk]), data)
    assert response.status_code == 302
    entry = ModelLogEntry.objects.for_instance(state).get(action=EDITED)
    assert entry.user == admin_user
    assert {"from": state.label_zh, "to": "待核实"} in entry.data["changes"].values()


def test_starting_from_the_default_is_logged_as_the_administrators(admin_user, seeded):
    closed = LifecycleState.objects.get(key="closed")
    close = LifecycleTransition.objects.get(name="close")
    for created in (closed, close):
        entry = ModelLogEntry.objects.for_instance(created).get(action="wagtail.create")
        assert entry.user == admin_user
