"""A case's township and village are its minor's, on every write path, so that the township
listing can filter on the case alone and never show a case in the wrong jurisdiction."""

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from protection.models import Case, Minor
from protection.places import install_triggers, sync_case_places

from .factories import CaseFactory, MinorFactory, VillageFactory


def places(case):
    case = Case.objects.get(pk=case.pk)
    return case.township_id, case.village_id


def test_a_new_case_takes_its_minors_place(world):
    assert places(world.case_a) == (world.township_a.pk, world.village_a.pk)
    bulk = Case.objects.bulk_create([Case(minor=world.minor_b, reference="GA-2026-900001")])
    assert places(bulk[0]) == (world.township_b.pk, world.village_b.pk)


def test_moving_a_minor_in_the_admin_moves_its_case_out_of_the_old_townships_scope(client, world):
    township_user = world.users["township"]
    client.force_login(township_user)
    listing = reverse("protection_cases:list")
    assert world.case_a.reference in client.get(listing).content.decode()

    minor = world.minor_a
    client.force_login(world.users["city"])
    data = nested_form_data(
        {
            "name": minor.name,
            "sex": minor.sex,
            "birth_date": minor.birth_date.isoformat(),
            "id_number": "",
            "ethnicity": minor.ethnicity,
            "township": world.township_b.pk,
            "village": world.village_b.pk,
            "guardians": inline_formset([]),
            "photos": inline_formset([]),
        }
    )
    response = client.post(reverse("protection_minors:edit", args=[minor.pk]), data)
    assert response.status_code == 302
    assert places(world.case_a) == (world.township_b.pk, world.village_b.pk)

    client.force_login(township_user)
    assert world.case_a.reference not in client.get(listing).content.decode()
    inspect = reverse("protection_cases:inspect", args=[world.case_a.pk])
    assert client.get(inspect).status_code == 404
    client.force_login(world.users["village"])
    assert client.get(inspect).status_code == 404


def test_bulk_writes_that_send_no_signal_move_the_cases_too(world):
    """Spreadsheet imports write minors with bulk_update; comparison moves cases with update()."""
    Minor.objects.filter(pk=world.minor_a.pk).update(
        township=world.township_b, village=world.village_b
    )
    assert places(world.case_a) == (world.township_b.pk, world.village_b.pk)

    minor = Minor.objects.get(pk=world.minor_a2.pk)
    minor.township, minor.village = world.township_b, world.village_b
    Minor.objects.bulk_update([minor], ["township", "village"])
    assert places(world.case_a2) == (world.township_b.pk, world.village_b.pk)

    Case.objects.filter(pk=world.case_b.pk).update(minor=world.minor_a2)
    elsewhere = VillageFactory()
    Minor.objects.filter(pk=world.minor_a2.pk).update(
        township=elsewhere.township, village=elsewhere
    )
    assert places(world.case_b) == (elsewhere.township_id, elsewhere.pk)


def test_a_case_cannot_be_given_a_place_other_than_its_minors(world):
    Case.objects.filter(pk=world.case_a.pk).update(township=world.township_b, village=None)
    assert places(world.case_a) == (world.township_a.pk, world.village_a.pk)


def test_the_repair_and_the_trigger_installation_are_idempotent(world):
    assert install_triggers() and install_triggers()
    assert sync_case_places([world.minor_a.pk]) == 1
    assert sync_case_places([]) == 0
    assert sync_case_places() == Case.objects.count()
    assert places(world.case_a) == (world.township_a.pk, world.village_a.pk)


def test_cases_of_every_minor_follow_when_several_move_at_once(db):
    village, other = VillageFactory(), VillageFactory()
    minors = [MinorFactory(village=village) for _ in range(3)]
    cases = [CaseFactory(minor=m) for m in minors for _ in range(2)]
    Minor.objects.filter(pk__in=[m.pk for m in minors]).update(
        township=other.township, village=other
    )
    assert {places(c) for c in cases} == {(other.township_id, other.pk)}
