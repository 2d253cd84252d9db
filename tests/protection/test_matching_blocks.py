"""Information comparison reads only the registered children an incoming sheet can meet (those
sharing a blocking key or an ID number with one of its rows), and answers exactly as a comparison
with the whole registry: the same possible duplicates in the import preview, the same outcomes for
a department's list, the merged copies still left out, the user's jurisdiction still kept."""

import datetime
from types import SimpleNamespace

import pytest

from protection import matching, roles
from protection.matching import (
    Index,
    Person,
    best_matches,
    compare,
    duplicates_for_import,
    registry_candidates,
    registry_people,
)
from protection.models import Minor
from protection.scope import visible

from .factories import GuardianFactory, MinorFactory, VillageFactory, staff

BORN = datetime.date(2015, 10, 14)
MARCH_7, JULY_3 = datetime.date(2015, 3, 7), datetime.date(2015, 7, 3)  # day and month swapped


@pytest.fixture
def registry(db):
    """A registry built with near-duplicates of the children a village's sheet brings, and
    children nothing in the sheet can meet."""
    r = SimpleNamespace()
    r.village = VillageFactory(name="槐西村")
    r.neighbour = VillageFactory(name="槐南村", township=r.village.township)
    r.elsewhere = VillageFactory(name="槐东村")  # another township
    far = VillageFactory(name="远村")

    def child(name, born=BORN, sex="male", village=None, **extra):
        return MinorFactory(
            name=name, sex=sex, birth_date=born, village=village or r.village, **extra
        )

    r.zhang = child("示例·张伟")
    GuardianFactory(minor=r.zhang, name="示例·张大山")
    r.same_sound = child("示例·章伟", id_number="")  # same sound, other characters
    r.variant = child("示例·張偉")  # variant characters
    r.other_village = child("示例·张伟", village=r.elsewhere)  # same name and day, elsewhere
    r.swapped = child("示例·李娜", born=JULY_3, sex="female")  # the sheet says 2015-03-07
    r.fang = child("示例·王芳", born=datetime.date(2014, 5, 5), sex="female")  # same ID below
    # Four records alike: which three the preview names must not depend on how it read them.
    r.alike = [child("示例·赵磊", born=datetime.date(2013, 2, 2)) for _ in range(4)]
    # Merged into 章伟 by the review queue: never a candidate, its ID number means the survivor.
    r.merged = child("示例·张伟", village=r.neighbour)
    Minor.objects.filter(pk=r.merged.pk).update(merged_into=r.same_sound)
    # Nothing in the sheet shares a blocking key with these.
    r.unrelated = [
        child(
            f"示例·孙{n}", born=datetime.date(2010, 1, 1) + datetime.timedelta(days=n), village=far
        )
        for n in range(20)
    ]
    return r


def incoming(registry):
    """The sheet's children as the import reads them: no guardians, row numbers as refs."""
    v = registry.village
    people = [
        Person(name="示例·张伟", birth_date=BORN, sex="male", village_id=v.pk, ref=2),
        Person(name="示例·李娜", birth_date=MARCH_7, sex="female", village_id=v.pk, ref=3),
        Person(
            name="示例·汪芳",
            birth_date=datetime.date(2014, 5, 6),
            sex="female",
            village_id=v.pk,
            id_hash=registry.fang.id_number_hash,
            ref=4,
        ),
        Person(name="示例·赵磊", birth_date=datetime.date(2013, 2, 2), sex="male", ref=5),
        Person(name="示例·张伟", id_hash=registry.merged.id_number_hash, ref=6),
        Person(name="示例·无名", ref=7),  # no birth date, no village: no key, no candidate
    ]
    for person in people:
        person.township_id = v.township_id if person.village_id else None
    return people


def answers(people, index):
    """What a reviewer is shown for each person: the candidates, their scores and the fields."""
    return [
        [(m.person.ref, m.score, m.agree, m.differ) for m in best_matches(person, index)]
        for person in people
    ] + [
        (outcome, match and (match.person.ref, match.score, match.agree, match.differ))
        for outcome, match in compare(people, index)
    ]


def test_the_blocked_read_answers_as_the_whole_registry(registry):
    people = incoming(registry)
    blocked = answers(people, Index(registry_candidates(people)))
    assert blocked == answers(people, Index(registry_people()))
    zhang, li_na, _fang, zhao = blocked[:4]
    assert {ref for ref, *_ in zhang} == {
        registry.zhang.pk,
        registry.same_sound.pk,
        registry.variant.pk,
    }  # the other village's 张伟 scores fourth
    assert [ref for ref, *_ in li_na] == [registry.swapped.pk]
    assert [ref for ref, *_ in zhao] == [m.pk for m in registry.alike[:3]]
    outcomes = blocked[len(people) :]
    assert outcomes[2][0] == "conflict" and outcomes[2][1][0] == registry.fang.pk
    assert outcomes[4][0] == "known" and outcomes[4][1][0] == registry.same_sound.pk


def test_only_the_children_sharing_a_key_are_read_and_never_a_merged_copy(registry):
    read = {person.ref for person in registry_candidates(incoming(registry))}
    r = registry
    assert read == {
        r.zhang.pk,
        r.same_sound.pk,  # also the survivor answering for the merged copy's ID number
        r.variant.pk,
        r.other_village.pk,
        r.swapped.pk,
        r.fang.pk,
        *(m.pk for m in r.alike),
    }
    assert r.merged.pk not in read
    assert not read & {m.pk for m in r.unrelated}


def test_the_blocked_read_keeps_the_guardians(registry):
    (zhang,) = [p for p in registry_candidates(incoming(registry)) if p.ref == registry.zhang.pk]
    assert zhang.guardians == frozenset({"示例张大山"})


def test_the_blocked_read_stays_within_the_users_jurisdiction(registry):
    clerk = staff(roles.TOWNSHIP_STAFF, townships=[registry.village.township], username="clerk")
    people = incoming(registry)
    mine = visible(Minor.objects.all(), clerk)
    read = registry_candidates(people, mine)
    assert registry.other_village.pk not in {person.ref for person in read}
    assert answers(people, Index(read)) == answers(people, Index(registry_people(mine)))


def test_the_import_preview_names_the_same_possible_duplicates(registry):
    rows = [
        SimpleNamespace(
            number=2,
            values={
                "name": "示例·张伟",
                "birth_date": BORN,
                "sex": "male",
                "township": registry.village.township,
                "village": registry.village,
            },
        ),
        SimpleNamespace(
            number=3,
            values={"name": "示例·章伟", "birth_date": BORN, "sex": "male"},
        ),
    ]
    found = duplicates_for_import(rows)
    assert found == duplicates_for_import(rows, Index(registry_people()))
    assert found[2][0] == (
        "可能与 示例·张伟（2015-10-14，槐西村） 为同一人，得分 95；"
        "一致：姓名、出生日期、性别、村(居)委会、乡镇(街道)"
    )
    assert (
        found[3][-1]
        == "可能与 本文件第2行 为同一人，得分 65；一致：姓名（读音相同）、出生日期、性别"
    )


def test_a_list_naming_a_merged_copys_id_number_is_told_of_the_survivor(registry):
    person = Person(name="示例·张伟", id_hash=registry.merged.id_number_hash, ref=2)
    ((outcome, match),) = compare([person], Index(registry_candidates([person])))
    assert (outcome, match.person.ref) == ("known", registry.same_sound.pk)


def test_an_id_number_alone_reads_only_its_child(registry):
    # Born the same day as 王芳: a key the row cannot share, since it gives no birth date.
    MinorFactory(name="示例·钱多", sex="female", birth_date=registry.fang.birth_date)
    person = Person(name="示例·李芳", id_hash=registry.fang.id_number_hash, ref=2)
    read = registry_candidates([person])
    assert [p.ref for p in read] == [registry.fang.pk]
    ((outcome, match),) = compare([person], Index(read))
    assert (outcome, match.person.ref) == ("conflict", registry.fang.pk)


def test_a_sheet_as_large_as_a_share_of_the_registry_reads_it_whole(registry, monkeypatch):
    # Its keys would cover most records anyway: one read of everything is cheaper.
    people = incoming(registry)
    monkeypatch.setattr(matching, "WHOLE_READ_SHARE", len(people) / Minor.objects.count())
    read = registry_candidates(people)
    assert {m.pk for m in registry.unrelated} <= {person.ref for person in read}
    assert registry.merged.pk not in {person.ref for person in read}
    assert answers(people, Index(read)) == answers(people, Index(registry_people()))
