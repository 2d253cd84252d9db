"""A liaison sees a case only through an open referral to their department, only the fields it
shares, and the access ends by itself: when the referral closes, or the day after its sharing
end date on the city's clock (Asia/Shanghai)."""

import datetime

import pytest
from django.urls import reverse

from casework import referrals
from casework.models import Referral
from protection.models import Case, CaseNote, Minor
from protection.scope import visible

from .conftest import city_time
from .factories import ReferralFactory


def sees(user, world):
    """What of case A the user sees through the one scoping function."""
    return {
        "case": visible(Case.objects.filter(pk=world.case_a.pk), user).exists(),
        "minor": visible(Minor.objects.filter(pk=world.minor_a.pk), user).exists(),
        "note": visible(CaseNote.objects.filter(case=world.case_a), user).exists(),
    }


NOTHING = {"case": False, "minor": False, "note": False}
EVERYTHING = {"case": True, "minor": True, "note": True}


def test_before_any_referral_the_liaison_sees_nothing_even_as_unit_involved(world):
    world.case_a.departments.set([world.police])
    world.case_a.save()
    CaseNote.objects.create(case=world.case_a, text="测试·记录")
    assert sees(world.users["police"], world) == NOTHING


@pytest.mark.parametrize("step", [None, "accept"])
def test_while_sent_or_accepted_the_liaison_sees_case_minor_and_notes(world, referral, step):
    if step:
        referrals.apply(referral, step, world.users["police"])
    CaseNote.objects.create(case=world.case_a, text="测试·记录")
    assert sees(world.users["police"], world) == EVERYTHING
    assert not visible(Case.objects.filter(pk=world.case_b.pk), world.users["police"]).exists()


@pytest.mark.parametrize(
    "steps",
    [
        [("reject", "police", "不属于本部门职责")],
        [("accept", "police", ""), ("complete", "police", "已训诫")],
        [("revoke", "township", "误发")],
        [("accept", "police", ""), ("revoke", "township", "改由法院处理")],
    ],
)
def test_after_the_referral_closes_the_liaison_sees_nothing(world, referral, steps):
    CaseNote.objects.create(case=world.case_a, text="测试·记录")
    for name, who, text in steps:
        referrals.apply(referral, name, world.users[who], text)
    assert sees(world.users["police"], world) == NOTHING


def test_access_ends_the_day_after_the_end_date_on_the_city_clock(world):
    referral = ReferralFactory(
        case=world.case_a,
        department=world.police,
        due_date=datetime.date(2026, 3, 1),
        access_until=datetime.date(2026, 3, 10),
    )
    liaison = world.users["police"]
    # 23:59 in Beijing on the end date is 15:59 UTC: still the end date in the city.
    with city_time(2026, 3, 10, 23, 59):
        assert sees(liaison, world)["case"]
        assert referral.is_sharing()
    # One minute later it is 11 March in the city (still 10 March in UTC): access is gone.
    with city_time(2026, 3, 11, 0, 0):
        assert sees(liaison, world) == NOTHING
        assert not referral.is_sharing()
        page = _client_for(liaison).get(reverse("casework_referrals:inspect", args=[referral.pk]))
        assert world.minor_a.name not in page.content.decode()


def test_the_liaison_of_another_department_sees_nothing(client, world, referral):
    other = world.users["education"]
    assert sees(other, world) == NOTHING
    client.force_login(other)
    listing = client.get(reverse("casework_referrals:list")).content.decode()
    assert referral.reference not in listing
    for url in [
        reverse("casework_referrals:inspect", args=[referral.pk]),
        reverse("casework_referral_step", args=[referral.pk, "accept"]),
    ]:
        assert client.get(url).status_code == 404, url
    accept = reverse("casework_referral_step", args=[referral.pk, "accept"])
    assert client.post(accept).status_code == 404
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT


def test_a_guessed_url_answers_404_to_a_township_outside_the_case(client, world, referral):
    client.force_login(world.users["township_b"])
    assert client.get(reverse("casework_referrals:inspect", args=[referral.pk])).status_code == 404
    assert (
        client.post(reverse("casework_referral_step", args=[referral.pk, "revoke"]), {"text": "x"})
    ).status_code == 404


def test_the_liaison_gets_no_case_or_minor_record_only_the_referral_page(client, world, referral):
    """Not the full case or minor page (ID numbers, every field): the referral page instead."""
    client.force_login(world.users["police"])
    for url in [
        reverse("protection_cases:inspect", args=[world.case_a.pk]),
        reverse("protection_minors:inspect", args=[world.minor_a.pk]),
        reverse("protection_cases:edit", args=[world.case_a.pk]),
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert world.minor_a.name not in response.content.decode()
    page = client.get(reverse("casework_referrals:inspect", args=[referral.pk]))
    assert page.status_code == 200


def _client_for(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_the_referral_page_shows_only_the_shared_fields_while_open(world, referral):
    liaison = _client_for(world.users["police"])
    url = reverse("casework_referrals:inspect", args=[referral.pk])
    html = liaison.get(url).content.decode()
    assert world.minor_a.name in html  # name shared by default
    assert world.case_a.summary in html  # situation shared by default
    assert world.minor_a.school not in html  # school not ticked
    assert world.guardian_a.name not in html  # guardians not ticked
    assert world.minor_a.id_number not in html  # never without being ticked

    referrals.apply(referral, "accept", world.users["police"])
    referrals.apply(referral, "complete", world.users["police"], "已训诫")
    html = liaison.get(url).content.decode()
    assert liaison.get(url).status_code == 200  # the department keeps its own record
    assert world.minor_a.name not in html
    assert world.case_a.summary not in html
    assert referral.reason not in html
    assert "已训诫" in html


def test_an_id_number_is_shown_only_when_ticked_and_its_view_is_logged(world):
    from wagtail.models import ModelLogEntry

    referral = ReferralFactory(
        case=world.case_a,
        department=world.police,
        shared_fields=[Referral.Shared.NAME, Referral.Shared.ID_NUMBER, Referral.Shared.GUARDIANS],
    )
    html = (
        _client_for(world.users["police"])
        .get(reverse("casework_referrals:inspect", args=[referral.pk]))
        .content.decode()
    )
    assert world.minor_a.id_number in html
    assert world.guardian_a.name in html and "0371-66668888" in html
    police = world.users["police"]
    on_minor = ModelLogEntry.objects.for_instance(world.minor_a)
    assert on_minor.filter(action="protection.identifiers_viewed", user=police).exists()
    on_case = ModelLogEntry.objects.for_instance(world.case_a)
    assert on_case.filter(action="protection.opened", user=police).exists()


def test_the_liaison_listing_keeps_closed_referrals_without_the_minor(client, world, referral):
    referrals.apply(referral, "reject", world.users["police"], "不属于本部门职责")
    client.force_login(world.users["police"])
    html = client.get(reverse("casework_referrals:list")).content.decode()
    assert referral.reference in html
    assert world.minor_a.name not in html
