"""The permission matrix: every role × every surface of the case and minor registries, what each
role sees and what it does not. A record outside the scope answers 404, also by a guessed URL."""

import pytest
from django.urls import reverse

# role -> the cases (by world attribute) it sees
SEES = {
    "city": {"case_a", "case_a2", "case_b"},
    "township": {"case_a", "case_a2"},
    "village": {"case_a"},
    "liaison": {"case_a"},
    "leader": {"case_a", "case_a2", "case_b"},
}
CASES = ["case_a", "case_a2", "case_b"]
# role -> may it change / delete a case it sees
CHANGES = {"city": True, "township": True, "village": True, "liaison": False, "leader": False}
DELETES = {"city": True, "township": False, "village": False, "liaison": False, "leader": False}


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
def test_case_history_for_editors_in_scope_404_outside(client, world, role):
    """Wagtail shows history to those who may change the record; read-only roles are turned
    away (a redirect), and nobody learns that a record outside the scope exists."""
    login(client, world, role)
    for name in CASES:
        case = getattr(world, name)
        status = client.get(reverse("protection_cases:history", args=[case.pk])).status_code
        if name not in SEES[role]:
            assert status == 404, name
        else:
            assert status == (200 if CHANGES[role] else 302), name


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
