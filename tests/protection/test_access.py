"""The permission matrix: every role × every surface of the case and minor registries, what each
role sees and what it does not. A record outside the scope answers 404, also by a guessed URL."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from protection import roles
from protection.models import Case, CaseNote, Minor, TargetCategory
from protection.scope import visible

from .factories import CategoryFactory, DepartmentFactory, IntakeFactory, staff

# role -> the cases (by world attribute) it sees. The department liaison is not a registry role:
# it sees a case only through an open referral to its department, on the referral's page
# (casework), never through these surfaces; see the liaison tests at the end.
SEES = {
    "city": {"case_a", "case_a2", "case_b"},
    "township": {"case_a", "case_a2"},
    "village": {"case_a"},
    "leader": {"case_a", "case_a2", "case_b"},
}
CASES = ["case_a", "case_a2", "case_b"]
# role -> may it change / delete a case it sees
CHANGES = {"city": True, "township": True, "village": True, "leader": False}
DELETES = {"city": True, "township": False, "village": False, "leader": False}


def login(client, world, role):
    client.force_login(world.users[role])
    return client


@pytest.mark.parametrize("role", SEES)
def test_case_listing_shows_exactly_the_scope(client, world, role):
    response = login(client, world, role).get(reverse("protection_cases:list"))
    assert response.status_code == 200
    html = response.content.decode()
    for name in CASES:
        case = getattr(world, name)
        assert (case.reference in html) == (name in SEES[role]), name


@pytest.mark.parametrize("role", SEES)
def test_minor_listing_shows_exactly_the_scope(client, world, role):
    html = login(client, world, role).get(reverse("protection_minors:list")).content.decode()
    for name in CASES:
        minor = getattr(world, name).minor
        assert (minor.name in html) == (name in SEES[role]), name


@pytest.mark.parametrize("role", SEES)
def test_case_inspect_answers_404_outside_the_scope(client, world, role):
    login(client, world, role)
    for name in CASES:
        case = getattr(world, name)
        status = client.get(reverse("protection_cases:inspect", args=[case.pk])).status_code
        assert status == (200 if name in SEES[role] else 404), name


@pytest.mark.parametrize("role", SEES)
def test_history_is_open_to_every_role_in_scope_and_404_outside(client, world, role):
    """Read-only roles (the leadership) read a record's history too; nobody learns
    that a record outside the scope exists."""
    login(client, world, role)
    for name in CASES:
        case = getattr(world, name)
        for url in (
            reverse("protection_cases:history", args=[case.pk]),
            reverse("protection_minors:history", args=[case.minor.pk]),
        ):
            assert client.get(url).status_code == (200 if name in SEES[role] else 404), url


@pytest.mark.parametrize("role", SEES)
def test_case_edit_within_scope_needs_change_permission(client, world, role):
    login(client, world, role)
    for name in CASES:
        status = client.get(
            reverse("protection_cases:edit", args=[getattr(world, name).pk])
        ).status_code
        if name not in SEES[role]:
            assert status == 404, name
        else:
            assert (status == 200) == CHANGES[role], (name, status)


@pytest.mark.parametrize("role", SEES)
def test_case_delete_only_for_city_office_and_only_in_scope(client, world, role):
    login(client, world, role)
    for name in CASES:
        case = getattr(world, name)
        status = client.post(reverse("protection_cases:delete", args=[case.pk])).status_code
        still_there = type(case).objects.filter(pk=case.pk).exists()
        if name not in SEES[role]:
            assert status == 404
            assert still_there
        else:
            assert still_there != DELETES[role], name


@pytest.mark.parametrize("role", SEES)
def test_minor_inspect_404_outside_scope(client, world, role):
    login(client, world, role)
    for name in CASES:
        minor = getattr(world, name).minor
        status = client.get(reverse("protection_minors:inspect", args=[minor.pk])).status_code
        assert status == (200 if name in SEES[role] else 404)


@pytest.mark.parametrize("role", SEES)
def test_export_holds_only_the_scope(client, world, role):
    response = login(client, world, role).get(reverse("protection_cases:list") + "?export=csv")
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    for name in CASES:
        assert (getattr(world, name).reference in body) == (name in SEES[role])


@pytest.mark.parametrize("role", SEES)
def test_chooser_offers_only_the_scope(client, world, role):
    login(client, world, role)
    response = client.get(reverse("wagtailsnippetchoosers_protection_minor:choose"))
    html = response.json()["html"] if response.status_code == 200 else ""
    for name in CASES:
        assert (getattr(world, name).minor.name in html) == (name in SEES[role])
    outside = [n for n in CASES if n not in SEES[role]]
    for name in outside:
        minor = getattr(world, name).minor
        chosen = client.get(
            reverse("wagtailsnippetchoosers_protection_minor:chosen", args=[minor.pk])
        )
        assert chosen.status_code == 404


@pytest.mark.parametrize("role", SEES)
def test_bulk_delete_of_a_record_outside_scope_is_404(client, world, role):
    login(client, world, role)
    base = reverse("wagtail_bulk_action", args=["protection", "case", "delete"])
    for name in CASES:
        case = getattr(world, name)
        response = client.get(f"{base}?id={case.pk}")
        if name not in SEES[role]:
            assert response.status_code == 404
    # "select all" lists only what is in scope
    html = client.get(f"{base}?id=all").content.decode()
    for name in CASES:
        if name not in SEES[role]:
            assert getattr(world, name).reference not in html


def test_user_without_jurisdiction_sees_no_record(client, world):
    client.force_login(world.users["nobody"])
    for name in CASES:
        case = getattr(world, name)
        assert client.get(reverse("protection_cases:inspect", args=[case.pk])).status_code in (
            302,
            403,
            404,
        )


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("protection_cases:inspect", args=[world.case_a.pk]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("role", SEES)
def test_dashboard_counts_only_the_scope(client, world, role):
    """The admin home's chart names only the townships of the cases the role sees."""
    html = login(client, world, role).get(reverse("wagtailadmin_home")).content.decode()
    assert "<svg" in html
    for name in CASES:
        township = getattr(world, name).minor.township.name
        seen = any(getattr(world, n).minor.township.name == township for n in SEES[role])
        assert (f">{township}</text>" in html) == seen, name


@pytest.mark.parametrize("role", SEES)
def test_find_by_id_number_finds_only_the_scope(client, world, role):
    login(client, world, role)
    for name in CASES:
        minor = getattr(world, name).minor
        response = client.post(
            reverse("protection_minors_find"), {"id_number": minor.id_number, "whose": "minor"}
        )
        found = response.status_code == 302 and response["Location"] == reverse(
            "protection_minors:inspect", args=[minor.pk]
        )
        assert found == (name in SEES[role]), name


# role -> may it open a case from a public report (in its scope)
OPENS = {"city": True, "township": True, "village": False, "leader": False}


@pytest.mark.parametrize("role", SEES)
def test_opening_a_case_from_a_report_needs_the_role_and_the_scope(client, world, role):
    category = TargetCategory.objects.first() or CategoryFactory()
    login(client, world, role)
    for name, township in (("case_a", world.township_a), ("case_b", world.township_b)):
        report = IntakeFactory(township=township)
        response = client.post(
            reverse("protection_intake_open_case", args=[report.pk]),
            {
                "id_number": getattr(world, name).minor.id_number,
                "categories": [category.pk],
                "risk_level": "medium",
                "response_level": "village",
                "summary": "测试",
            },
        )
        opened = Case.objects.filter(intake_report=report).exists()
        in_scope = role == "city" or (role == "township" and name == "case_a")
        assert opened == (OPENS[role] and in_scope), name
        if OPENS[role] and not in_scope:
            assert response.status_code == 404


def refer(world, **extra):
    """Case A referred to the liaison's department, accepted: the liaison's window on it."""
    from casework.models import Referral

    fields = {
        "case": world.case_a,
        "department": world.department,
        "reason": "测试·转介",
        "requested_service": "测试",
        "legal_basis": "未成年人保护法",
        "due_date": timezone.localdate() + datetime.timedelta(days=7),
        "access_until": timezone.localdate() + datetime.timedelta(days=30),
        "status": Referral.Status.ACCEPTED,
        **extra,
    }
    return Referral.objects.create(**fields)


def test_a_liaison_sees_a_case_only_while_a_referral_to_its_department_is_open(world):
    liaison = world.users["liaison"]
    cases = Case.objects.all()
    minors, notes = Minor.objects.all(), CaseNote.objects.all()
    note = CaseNote.objects.create(case=world.case_a, text="测试记录")
    assert not visible(cases, liaison).exists()  # "units involved" alone opens nothing
    referral = refer(world)
    assert list(visible(cases, liaison)) == [world.case_a]
    assert list(visible(minors, liaison)) == [world.minor_a]
    assert list(visible(notes, liaison)) == [note]
    other = staff(roles.DEPARTMENT_LIAISON, department=DepartmentFactory(), username="other")
    assert not visible(cases, other).exists()
    referral.access_until = timezone.localdate() - datetime.timedelta(days=1)
    referral.save()
    assert not visible(cases, liaison).exists()  # the day after the sharing ends
    referral.access_until = timezone.localdate()
    referral.status = referral.Status.DONE
    referral.save()
    assert not visible(cases, liaison).exists()  # closed


def test_a_liaison_reaches_no_registry_surface_even_with_an_open_referral(client, world):
    refer(world)
    client.force_login(world.users["liaison"])
    case, minor = world.case_a, world.minor_a
    urls = [
        reverse("protection_cases:list"),
        reverse("protection_cases:list") + "?export=csv",
        reverse("protection_cases:inspect", args=[case.pk]),
        reverse("protection_cases:history", args=[case.pk]),
        reverse("protection_cases:edit", args=[case.pk]),
        reverse("protection_minors:list"),
        reverse("protection_minors:inspect", args=[minor.pk]),
        reverse("protection_identifiers", args=[minor.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403, 404), url
        assert minor.name not in response.content.decode(), url
    chooser = client.get(reverse("wagtailsnippetchoosers_protection_minor:choose"))
    assert minor.name not in chooser.content.decode("unicode_escape")  # offered nothing
    chosen = reverse("wagtailsnippetchoosers_protection_minor:chosen", args=[minor.pk])
    assert client.get(chosen).status_code == 404
    found = client.post(reverse("protection_minors_find"), {"id_number": minor.id_number})
    assert found.status_code in (302, 403) and minor.name not in found.content.decode()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert case.reference not in home and "protection-dashboard" not in home
