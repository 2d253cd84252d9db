"""Guardianship intervention (五(四)): steps in order from guidance to a judicial procedure;
escalating needs the permission and a reason, skipping is refused with the skipped steps named,
each step goes on the case's timeline and into the audit log, documents stay in the protected
store and reach only staff who see the case."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from casework import interventions
from casework.models import Intervention, InterventionDocument, InterventionStep
from protection.models import CaseNote, Family

from .factories import InterventionFactory

G, A, S, R, C, J = Intervention.Stage


@pytest.fixture
def intervention(world):
    return InterventionFactory(case=world.case_a)


def step_data(world, stage, **extra):
    data = {
        "stage": int(stage),
        "date": datetime.date.today().isoformat(),
        "responsible_unit": world.police.pk,
        "action": "测试·与监护人谈话",
    }
    data.update(extra)
    return data


def record(intervention, user, stage, reason="", world=None):
    return interventions.record_step(
        intervention,
        user,
        stage=stage,
        date=datetime.date.today(),
        responsible_unit=world.police,
        action="测试·谈话",
        reason=reason,
    )


def test_the_station_opens_an_intervention_with_the_minors_family(client, world):
    family = Family.objects.create(
        name="测试·甲家", township=world.township_a, village=world.village_a
    )
    world.minor_a.family = family
    world.minor_a.save()
    client.force_login(world.users["township"])
    response = client.post(
        reverse("casework_interventions:add"),
        {"case": world.case_a.pk, "concern": "父亲酗酒", "opened_on": datetime.date.today()},
    )
    assert response.status_code == 302
    intervention = Intervention.objects.get()
    assert intervention.family == family and intervention.opened_by == world.users["township"]


def test_the_village_supervisor_guides_and_repeats_but_may_not_escalate(
    client, world, intervention
):
    client.force_login(world.users["village"])
    url = reverse("casework_intervention_step", args=[intervention.pk])
    assert client.post(url, step_data(world, G)).status_code == 302
    assert client.post(url, step_data(world, G)).status_code == 302
    response = client.post(url, step_data(world, A, escalation_reason="屡教不改"))
    assert response.status_code == 200
    assert "由乡镇(街道)" in response.content.decode()
    intervention.refresh_from_db()
    assert intervention.stage == G
    assert intervention.steps.count() == 2


def test_escalating_needs_a_reason(client, world, intervention):
    record(intervention, world.users["township"], G, world=world)
    client.force_login(world.users["township"])
    url = reverse("casework_intervention_step", args=[intervention.pk])
    response = client.post(url, step_data(world, A))
    assert "请说明升级的理由" in response.content.decode()
    assert intervention.steps.count() == 1
    response = client.post(url, step_data(world, A, escalation_reason="指导后仍打骂孩子"))
    assert response.status_code == 302
    intervention.refresh_from_db()
    assert intervention.stage == A
    step = intervention.steps.get(stage=A)
    assert step.escalation_reason == "指导后仍打骂孩子"
    entry = ModelLogEntry.objects.for_instance(intervention).get(
        action="casework.intervention.escalate"
    )
    assert entry.data["from"] == G and entry.data["to"] == A
    assert CaseNote.objects.filter(case=world.case_a, text__contains="指导后仍打骂孩子").exists()


def test_skipping_steps_is_refused_naming_them(client, world, intervention):
    record(intervention, world.users["village"], G, world=world)
    client.force_login(world.users["village"])
    url = reverse("casework_intervention_step", args=[intervention.pk])
    response = client.post(url, step_data(world, R, escalation_reason="情况紧急"))
    html = response.content.decode()
    assert "不能跳过" in html and "劝诫" in html and "制止" in html
    assert intervention.steps.count() == 1
    # The station may skip, with the reason on record.
    with pytest.raises(ValidationError):
        record(intervention, world.users["township"], R, world=world)
    record(intervention, world.users["township"], R, reason="孩子有生命危险", world=world)
    intervention.refresh_from_db()
    assert intervention.stage == R


def test_a_first_step_beyond_guidance_is_a_skip(world, intervention):
    with pytest.raises(ValidationError) as error:
        record(intervention, world.users["village"], S, world=world)
    assert "stage" in error.value.error_dict
    record(intervention, world.users["city"], J, reason="申请撤销监护资格", world=world)
    assert intervention.stage == J


def test_steps_do_not_go_back_down(world, intervention):
    record(intervention, world.users["township"], A, reason="严重", world=world)
    with pytest.raises(ValidationError) as error:
        record(intervention, world.users["township"], G, world=world)
    assert "stage" in error.value.error_dict
    assert intervention.steps.count() == 1


def test_a_closed_intervention_takes_no_step(client, world, intervention):
    client.force_login(world.users["township"])
    url = reverse("casework_intervention_close", args=[intervention.pk])
    assert client.post(url, {"note": "  "}).status_code == 200
    assert client.post(url, {"note": "监护恢复正常"}).status_code == 302
    intervention.refresh_from_db()
    assert intervention.status == "closed"
    with pytest.raises(ValidationError):
        record(intervention, world.users["township"], G, world=world)


def test_a_document_is_stored_outside_media_and_served_only_within_scope(
    client, world, intervention
):
    client.force_login(world.users["township"])
    upload = SimpleUploadedFile("劝诫书.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(
        reverse("casework_intervention_step", args=[intervention.pk]),
        step_data(world, G, document=upload, document_title="劝诫书"),
    )
    assert response.status_code == 302
    document = InterventionDocument.objects.get()
    path = Path(document.file.path)
    assert str(path).startswith(str(settings.PROTECTED_MEDIA_ROOT))
    assert not str(path).startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018  (no public URL at all)
    url = reverse("casework_document", args=[document.pk])
    got = client.get(url)
    assert got.status_code == 200 and b"".join(got.streaming_content) == b"%PDF-1.4 test"
    assert "no-store" in got["Cache-Control"]
    assert (
        ModelLogEntry.objects.for_instance(intervention)
        .filter(action="casework.intervention.downloaded")
        .exists()
    )
    for role in ["township_b", "police"]:
        client.force_login(world.users[role])
        assert client.get(url).status_code == 404, role
    client.logout()
    assert client.get(url).status_code in (302, 404)


def test_a_document_of_another_kind_is_refused_and_nothing_saved(client, world, intervention):
    client.force_login(world.users["township"])
    upload = SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(
        reverse("casework_intervention_step", args=[intervention.pk]),
        step_data(world, G, document=upload),
    )
    assert response.status_code == 200
    assert "PDF" in response.content.decode()
    assert not InterventionStep.objects.exists()


def test_an_intervention_outside_the_jurisdiction_answers_404(client, world, intervention):
    client.force_login(world.users["township_b"])
    for url in [
        reverse("casework_interventions:inspect", args=[intervention.pk]),
        reverse("casework_intervention_step", args=[intervention.pk]),
        reverse("casework_intervention_close", args=[intervention.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    listing = client.get(reverse("casework_interventions:list")).content.decode()
    assert world.case_a.reference not in listing


def test_open_steps_appear_on_the_dashboard_until_their_outcome(client, world, intervention):
    step = record(intervention, world.users["township"], G, world=world)
    client.force_login(world.users["township"])
    home = reverse("wagtailadmin_home")
    assert "尚无结果的干预步骤" in client.get(home).content.decode()
    assert world.case_a.reference in client.get(home).content.decode()
    client.post(reverse("casework_step_outcome", args=[step.pk]), {"outcome": "监护人表示改正"})
    step.refresh_from_db()
    assert step.outcome == "监护人表示改正"
    assert world.case_a.reference not in client.get(home).content.decode()
