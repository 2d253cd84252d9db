"""The case lifecycle edited in the admin: it starts as the default, a renamed state shows its
new label on every case, a new state and transition work with their permission and required
fields, and protection.lifecycle's callers see no difference."""

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from lowcode import lifecycle as configured
from lowcode.models import LifecycleState, LifecycleTransition
from protection import lifecycle
from protection.models import Case

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


@pytest.fixture
def seeded(admin_client):
    response = admin_client.post(reverse("lowcode_lifecycle"))
    assert response.status_code == 302
    return LifecycleState.objects.all()


def test_the_default_is_copied_and_behaves_as_before(world, seeded):
    assert [s.key for s in seeded] == [key for key, _label in Case.Status.choices]
    assert set(LifecycleTransition.objects.values_list("name", flat=True)) == set(
        lifecycle.DEFAULT_TRANSITIONS
    )
    village = world.users["village"]
    assert [t.name for t in lifecycle.available(world.case_a, village)] == ["verify"]
    lifecycle.apply(world.case_a, "verify", village)
    assert world.case_a.status == "verified"
    with pytest.raises(ValidationError):
        lifecycle.apply(world.case_a, "close", world.users["city"], "")


def test_a_renamed_state_shows_its_new_label_and_cases_keep_their_key(client, world, seeded):
    state = LifecycleState.objects.get(key="reported")
    state.label_zh = "待核实"
    state.save()
    world.case_a.refresh_from_db()
    assert world.case_a.status == "reported"
    assert world.case_a.get_status_display() == "待核实"
    client.force_login(world.users["city"])
    listing = client.get(reverse("protection_cases:list"), **ZH).content.decode()
    assert "待核实" in listing


def test_a_new_state_and_transition_with_a_required_field(world, seeded):
    referred = LifecycleState.objects.create(key="referred", label_zh="已转介", sort_order=15)
    step = LifecycleTransition.objects.create(
        name="refer",
        label_zh="转介",
        target=referred,
        permission=Permission.objects.get(codename="verify_case"),
        required_fields=["assigned_worker"],
    )
    step.sources.set([LifecycleState.objects.get(key="reported")])
    village = world.users["village"]
    assert "refer" in [t.name for t in lifecycle.available(world.case_a, village)]
    with pytest.raises(ValidationError) as refused:
        lifecycle.apply(world.case_a, "refer", village)
    with translation.override("zh-hans"):
        label = str(Case._meta.get_field("assigned_worker").verbose_name)
    assert label in str(refused.value)
    world.case_a.refresh_from_db()
    assert world.case_a.status == "reported"
    world.case_a.assigned_worker = village
    world.case_a.save()
    lifecycle.apply(world.case_a, "refer", village)
    world.case_a.refresh_from_db()
    assert world.case_a.status == "referred" and world.case_a.get_status_display() == "已转介"
    entry = ModelLogEntry.objects.for_instance(world.case_a).get(action="lowcode.case.transition")
    assert entry.data["to"] == "referred"
    # A liaison without the permission may not.
    assert lifecycle.available(world.case_a, world.users["liaison"]) == []


def test_the_status_change_page_follows_the_configuration(client, world, seeded):
    LifecycleTransition.objects.filter(name="verify").update(label_zh="入户核实")
    configured.forget()
    client.force_login(world.users["village"])
    url = reverse("protection_case_transition", args=[world.case_a.pk, "verify"])
    assert "入户核实" in client.get(url, **ZH).content.decode()
    LifecycleTransition.objects.filter(name="verify").update(enabled=False)
    configured.forget()
    assert client.get(url).status_code == 404


def test_the_key_of_a_state_in_use_cannot_change(admin_client, world, seeded):
    state = LifecycleState.objects.get(key="reported")
    response = admin_client.post(
        reverse("lowcode_states:edit", args=[state.pk]),
        {"key": "new", "label_zh": "已报告", "label_en": "reported", "sort_order": 0},
        **ZH,
    )
    assert response.status_code == 200
    state.refresh_from_db()
    assert state.key == "reported"
