"""After an import the review queue gets the same pairs as a comparison of the new children with
the whole registry, though only the registered children sharing a blocking key with a new one
are read; a merged copy is never paired again."""

import datetime

from comparison import finding
from comparison.models import CandidatePair
from protection.matching import Index, registered_with_candidates, registry_people
from protection.models import Minor

from ..protection.factories import GuardianFactory, MinorFactory, VillageFactory

BORN = datetime.date(2015, 10, 14)


def child(name, village, born=BORN, sex="male", **extra):
    return MinorFactory(name=name, sex=sex, birth_date=born, village=village, **extra)


def queue():
    return {
        (p.minor_id, p.other_id): (p.score, p.agree, p.differ, p.source)
        for p in CandidatePair.objects.all()
    }


def test_the_queue_gets_the_pairs_of_a_comparison_with_the_whole_registry(db):
    village, elsewhere = VillageFactory(name="槐西村"), VillageFactory(name="槐东村")
    registered = child("示例·张伟", village)
    GuardianFactory(minor=registered, name="示例·张大山")
    swapped = child("示例·李娜", village, born=datetime.date(2015, 7, 3), sex="female")
    far = child("示例·张伟", elsewhere)
    merged = child("示例·章伟", village)
    Minor.objects.filter(pk=merged.pk).update(merged_into=far)
    far_village = VillageFactory(name="远村")
    unrelated = [  # nothing imported shares a key with these
        child(f"示例·孙{n}", far_village, born=datetime.date(2010, 1, 1) + datetime.timedelta(n))
        for n in range(30)
    ]

    # The import: the same child under variant characters with the same guardian, a swapped
    # birth date, and the same child twice in the file.
    variant = child("示例·張偉", village)
    GuardianFactory(minor=variant, name="示例·張大山")
    li_na = child("示例·李娜", village, born=datetime.date(2015, 3, 7), sex="female")
    twice = [child("示例·赵磊", village, born=datetime.date(2013, 2, 2)) for _ in range(2)]
    created = [variant.pk, li_na.pk, *(m.pk for m in twice)]

    whole = registry_people()
    expected = {
        key: (match.score, match.agree, match.differ, "import")
        for key, match in finding._pairs(whole, Index(whole), wanted=set(created)).items()
    }
    assert finding.after_import(None, created) == len(expected)
    assert queue() == expected
    pairs = set(expected)
    assert (registered.pk, variant.pk) in pairs
    assert "guardian" in expected[(registered.pk, variant.pk)][1]
    assert (swapped.pk, li_na.pk) in pairs
    assert (far.pk, variant.pk) in pairs  # the same name and day in another village
    assert (twice[0].pk, twice[1].pk) in pairs
    assert not any(merged.pk in pair for pair in pairs)
    read = {person.ref for person in registered_with_candidates(created)}
    assert {*created, registered.pk, swapped.pk, far.pk} <= read
    assert not read & {merged.pk, *(m.pk for m in unrelated)}
