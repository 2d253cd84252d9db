"""Case status changes: named transitions, each with its own permission, written to Wagtail's
audit log and to the case timeline."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from protection import lifecycle
from protection.models import Case, CaseNote


def test_verify_is_logged_and_on_the_timeline(client, world):
    user = world.users["village"]
    client.force_login(user)
    url = reverse("protection_case_transition", args=[world.case_a.pk, "verify"])
    response = client.post(url, {"comment": "入户核实属实"})
    assert response.status_code == 302
    world.case_a.refresh_from_db()
    assert world.case_a.status == Case.Status.VERIFIED
    note = CaseNote.objects.get(case=world.case_a, kind=CaseNote.Kind.TRANSITION)
    assert (note.author, note.from_status, note.to_status) == (user, "reported", "verified")
    assert note.text == "入户核实属实"
    entry = ModelLogEntry.objects.for_instance(world.case_a).get(action="protection.case.verify")
    assert entry.user == user and entry.data["to"] == "verified"
    page = client.get(reverse("protection_cases:inspect", args=[world.case_a.pk]))
    assert "入户核实属实" in page.content.decode()


def test_village_supervisor_may_verify_but_not_close(client, world):
    client.force_login(world.users["village"])
    url = reverse("protection_case_transition", args=[world.case_a.pk, "close"])
    assert client.post(url, {"comment": "x"}).status_code in (302, 403)  # Wagtail: a redirect
    world.case_a.refresh_from_db()
    assert world.case_a.status == Case.Status.REPORTED


def test_transition_outside_scope_is_404(client, world):
    client.force_login(world.users["township"])
    url = reverse("protection_case_transition", args=[world.case_b.pk, "verify"])
    assert client.post(url).status_code == 404


def test_closing_needs_a_reason_and_changes_nothing_without_one(client, world):
    client.force_login(world.users["township"])
    url = reverse("protection_case_transition", args=[world.case_a.pk, "close"])
    response = client.post(url, {"comment": "  "}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert "请说明原因" in response.content.decode()
    world.case_a.refresh_from_db()
    assert world.case_a.status == Case.Status.REPORTED
    assert not CaseNote.objects.filter(case=world.case_a).exists()


def test_full_path_and_reopen(world):
    user = world.users["city"]
    case = world.case_a
    for name in ["verify", "assess", "start_service"]:
        lifecycle.apply(case, name, user)
    lifecycle.apply(case, "close", user, "监护恢复")
    assert case.status == Case.Status.CLOSED and case.closing_reason == "监护恢复"
    lifecycle.apply(case, "reopen", user, "再次发现问题")
    assert case.status == Case.Status.REPORTED
    assert CaseNote.objects.filter(case=case, kind="transition").count() == 5


def test_a_transition_from_the_wrong_status_is_refused(world):
    with pytest.raises(ValidationError):
        lifecycle.apply(world.case_a, "start_service", world.users["city"])


def test_read_only_roles_have_no_transition(world):
    for role in ["leader", "liaison"]:
        assert lifecycle.available(world.case_a, world.users[role]) == []
        with pytest.raises(PermissionDenied):
            lifecycle.apply(world.case_a, "verify", world.users[role])


def test_a_note_is_added_to_the_timeline(client, world):
    client.force_login(world.users["village"])
    url = reverse("protection_case_note", args=[world.case_a.pk])
    client.post(url, {"text": "督导员已入户"})
    assert CaseNote.objects.filter(case=world.case_a, text="督导员已入户").exists()
    outside = reverse("protection_case_note", args=[world.case_b.pk])
    assert client.post(outside, {"text": "x"}).status_code == 404
    # A liaison reports back on the referral (casework), not on the registry's timeline.
    client.force_login(world.users["liaison"])
    assert client.post(url, {"text": "派出所已介入"}).status_code in (302, 403, 404)
    assert not CaseNote.objects.filter(text="派出所已介入").exists()
