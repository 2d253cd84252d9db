"""Category 6 (三(六) "经市困境未成年人社会保护工作联席会议研究确定的其他未成年人"): a case may be
proposed for it at any time, but service starts only with the joint meeting's decision on record
(date and minute number); a minor is put in it only after such a decision. Clear Chinese errors
otherwise, and nothing changes."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from protection import lifecycle
from protection.models import Case, TargetCategory

from .factories import CaseFactory, CategoryFactory


@pytest.fixture
def category_6(db):
    category = TargetCategory.objects.filter(needs_joint_meeting_decision=True).first()
    return category or CategoryFactory(number=6, needs_joint_meeting_decision=True)


@pytest.fixture
def proposal(world, category_6):
    """Case A proposed for category 6 and assessed: the next step would be service."""
    case = world.case_a
    case.categories.set([category_6])
    case.save()
    Case.objects.filter(pk=case.pk).update(status=Case.Status.ASSESSED)
    case.refresh_from_db()
    return case


def start_service(client, world, case):
    client.force_login(world.users["township"])
    url = reverse("protection_case_transition", args=[case.pk, "start_service"])
    return client.post(url, {"comment": "开始服务"}, HTTP_ACCEPT_LANGUAGE="zh-hans")


def test_service_does_not_start_without_the_decision(client, world, proposal):
    response = start_service(client, world, proposal)
    assert response.status_code == 200
    assert "联席会议" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Case.Status.ASSESSED
    assert not proposal.notes.filter(to_status=Case.Status.IN_SERVICE).exists()
    with pytest.raises(ValidationError):
        lifecycle.apply(proposal, "start_service", world.users["township"], "直接开始")
    proposal.refresh_from_db()
    assert proposal.status == Case.Status.ASSESSED


def test_with_the_decision_on_record_service_starts(client, world, proposal):
    proposal.joint_meeting_on = datetime.date(2026, 10, 20)
    proposal.joint_meeting_reference = "荥困保联〔2026〕4号"
    proposal.save()
    assert start_service(client, world, proposal).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Case.Status.IN_SERVICE


def test_a_case_in_service_cannot_be_put_in_category_6_by_editing(
    client, world, proposal, category_6
):
    other = TargetCategory.objects.filter(number=1).first() or CategoryFactory(number=1)
    case = CaseFactory(minor=world.minor_a)
    case.categories.set([other])
    case.save()
    Case.objects.filter(pk=case.pk).update(status=Case.Status.IN_SERVICE)
    client.force_login(world.users["township"])
    data = nested_form_data(
        {
            "minor": case.minor_id,
            "opened_on": case.opened_on.isoformat(),
            "source": case.source,
            "summary": case.summary,
            "joint_meeting_on": "",
            "joint_meeting_reference": "",
            "joint_meeting_decision": "",
            "risk_level": case.risk_level,
            "response_level": case.response_level,
        }
    )
    data["categories"] = [other.pk, category_6.pk]  # a list is not flattened into a formset
    url = reverse("protection_cases:edit", args=[case.pk])
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert "联席会议" in response.content.decode()
    assert list(case.categories.values_list("pk", flat=True)) == [other.pk]

    data["joint_meeting_on"] = "2026-10-20"
    data["joint_meeting_reference"] = "荥困保联〔2026〕4号"
    assert client.post(url, data).status_code == 302
    assert set(case.categories.values_list("pk", flat=True)) == {other.pk, category_6.pk}


def test_a_minor_is_put_in_category_6_only_after_a_decision(client, world, proposal, category_6):
    minor = world.minor_a
    client.force_login(world.users["township"])

    def post():
        data = nested_form_data(
            {
                "name": minor.name,
                "sex": minor.sex,
                "birth_date": minor.birth_date.isoformat(),
                "id_number": "",
                "ethnicity": minor.ethnicity,
                "township": minor.township_id,
                "village": minor.village_id,
                "guardians": inline_formset([]),
                "photos": inline_formset([]),
            }
        )
        data["categories"] = [category_6.pk]
        url = reverse("protection_minors:edit", args=[minor.pk])
        return client.post(url, data, HTTP_ACCEPT_LANGUAGE="zh-hans")

    refused = post()
    assert refused.status_code == 200
    assert "联席会议" in refused.content.decode()
    assert not minor.categories.exists()
    Case.objects.filter(pk=proposal.pk).update(
        joint_meeting_on=datetime.date(2026, 10, 20), joint_meeting_reference="4号"
    )
    assert post().status_code == 302
    assert list(minor.categories.all()) == [category_6]
