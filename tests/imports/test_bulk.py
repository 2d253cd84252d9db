"""The import's own INSERT of new records writes what ``bulk_create`` writes: the same columns
(an encrypted ID number, a creation time, foreign keys), and each instance gets its own key."""

import datetime

from django.db import connection
from django.utils import timezone

from lantian.crypto import keyed_hash
from lantian.imports import bulk
from protection.models import Minor

from .factories import TownshipFactory, VillageFactory


def minors(village, names):
    return [
        Minor(
            name=name,
            sex="female",
            birth_date=datetime.date(2015, 3, 1 + n % 28),
            id_number=f"41010120150301{n:03d}X",
            id_number_hash=keyed_hash(f"41010120150301{n:03d}X"),
            township=village.township,
            village=village,
        )
        for n, name in enumerate(names)
    ]


def stored(pks):
    return list(
        Minor.objects.filter(pk__in=pks)
        .order_by("name")
        .values_list("name", "id_number", "id_number_hash", "ethnicity", "village", "township")
    )


def test_inserted_records_are_stored_as_bulk_create_stores_them(db):
    village = VillageFactory(township=TownshipFactory(name="乔楼镇"), name="槐西村")
    before = timezone.now()
    ours = bulk.insert_objects(Minor, minors(village, ["甲", "乙", "丙"]))
    theirs = Minor.objects.bulk_create(minors(village, ["甲", "乙", "丙"]))

    assert stored([m.pk for m in ours]) == stored([m.pk for m in theirs])
    fresh = Minor.objects.get(pk=ours[0].pk)
    assert fresh.id_number == "41010120150301000X" and fresh.created_at >= before
    with connection.cursor() as cursor:  # the column itself holds ciphertext, not the number
        cursor.execute("SELECT id_number FROM protection_minor WHERE id = %s", [ours[0].pk])
        [(column,)] = cursor.fetchall()
    assert "41010120150301" not in str(column)


def test_each_instance_gets_the_key_of_its_own_row(db, monkeypatch):
    monkeypatch.setattr(bulk, "MAX_ROWS", 40)  # several statements, as a large import sends
    village = VillageFactory()
    names = [f"儿童{n:03d}" for n in range(250)]
    created = bulk.insert_objects(Minor, minors(village, names))

    assert [m.name for m in created] == names
    assert all(not m._state.adding for m in created)
    by_key = dict(Minor.objects.filter(pk__in=[m.pk for m in created]).values_list("pk", "name"))
    assert {m.pk: m.name for m in created} == by_key


def test_instances_with_a_key_already_set_go_through_bulk_create(db):
    village = VillageFactory()
    [given] = minors(village, ["甲"])
    given.pk = 987654
    bulk.insert_objects(Minor, [given])
    assert Minor.objects.get(pk=987654).name == "甲"


def test_new_objects_are_built_as_the_keyword_constructor_builds_them(db):
    village = VillageFactory()
    values = {
        "name": "甲",
        "sex": "female",
        "birth_date": datetime.date(2015, 3, 1),
        "township": village.township,
        "village": village,
    }
    [ours] = bulk.new_objects(Minor, [values])
    theirs = Minor(**values)

    def state(obj):
        return {k: v for k, v in obj.__dict__.items() if k != "_state"}

    assert state(ours) == state(theirs)
    assert ours.village is village  # cached, not read again from the database
    assert ours._state.fields_cache == theirs._state.fields_cache


def test_a_wrong_related_value_fails_as_the_keyword_constructor_fails(db):
    import pytest

    with pytest.raises(ValueError, match="must be a"):
        bulk.new_objects(Minor, [{"name": "甲", "village": "槐西村"}])
