"""The review queue of information comparison (信息比对): pairs found on import and on demand,
scoped to the reviewer's jurisdiction; "same child" merges keeping every source and is undone
exactly; "different" is never proposed again; every decision is in the audit log."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import ModelLogEntry

from comparison import finding, merging
from comparison.models import CandidatePair, Merge
from lantian.models import ImportedObject, ImportRecord
from protection import roles
from protection.models import Case, Guardian, Minor

from ..imports.conftest import csv_file
from ..protection.factories import (
    CaseFactory,
    FamilyFactory,
    GuardianFactory,
    MinorFactory,
    TagFactory,
    VillageFactory,
    staff,
)

QUEUE = "/admin/comparison/"
BORN = datetime.date(2015, 10, 14)


def twins_of_record(village, village2=None, names=("示例·张伟", "示例·章伟"), born=BORN):
    """One child registered twice: 张伟 by one village clerk, 章伟 (same sound) by another,
    same birth date, the second without an ID number."""
    first = MinorFactory(name=names[0], sex="male", birth_date=born, village=village)
    second = MinorFactory(
        name=names[1], sex="male", birth_date=born, village=village2 or village, id_number=""
    )
    return first, second


@pytest.fixture
def places(db):
    a = VillageFactory()
    return {"a": a, "a2": VillageFactory(township=a.township), "b": VillageFactory()}


@pytest.fixture
def reviewer(places):
    return staff(roles.TOWNSHIP_STAFF, townships=[places["a"].township], username="reviewer")


def test_a_run_proposes_each_pair_once_and_never_a_decided_one_again(places, reviewer):
    first, second = twins_of_record(places["a"])
    MinorFactory(name="示例·李娜", birth_date=datetime.date(2012, 1, 1), village=places["a"])
    assert finding.run(reviewer) == 1
    pair = CandidatePair.objects.get()
    assert (pair.minor, pair.other, pair.source) == (first, second, "run")
    assert {"name_sound", "birth_date", "sex", "village"} <= set(pair.agree)
    assert finding.run(reviewer) == 0  # already in the queue

    merging.mark_different(pair, reviewer)
    assert finding.run(reviewer) == 0  # decided: not proposed again
    assert CandidatePair.objects.get().status == "different"


def test_an_import_of_minors_puts_its_possible_duplicates_in_the_queue(admin_client, places):
    village = places["a"]
    registered = MinorFactory(name="示例·张伟", sex="male", birth_date=BORN, village=village)
    content = csv_file(
        [
            ["姓名", "性别", "出生日期", "乡镇(街道)", "村(居)委会"],
            ["示例·章伟", "男", "2015-10-14", village.township.name, village.name],
            ["示例·王芳", "女", "2014-02-02", village.township.name, village.name],
        ]
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = "/admin/protection/minors/import/"
    admin_client.post(url, {"file": SimpleUploadedFile("司法局名单.csv", content)})
    record = ImportRecord.objects.latest("pk")
    admin_client.post(f"{url}{record.pk}/confirm/")
    imported = Minor.objects.get(name="示例·章伟")
    pair = CandidatePair.objects.get()
    assert (pair.minor, pair.other, pair.source, pair.import_record) == (
        registered,
        imported,
        "import",
        record,
    )


def test_a_township_reviewer_sees_and_opens_only_pairs_within_their_township(
    client, places, reviewer
):
    inside = twins_of_record(places["a"], village2=places["a2"])
    across = twins_of_record(
        places["a"], places["b"], ("示例·刘洋", "示例·柳洋"), datetime.date(2013, 3, 3)
    )
    city = staff(roles.CITY_OFFICE, username="city")
    finding.run(city)
    mine = CandidatePair.objects.get(minor=inside[0], other=inside[1])
    theirs = CandidatePair.objects.get(minor=across[0], other=across[1])

    client.force_login(reviewer)
    page = client.get(QUEUE).content.decode()
    assert f"{QUEUE}{mine.pk}/" in page and f"{QUEUE}{theirs.pk}/" not in page
    assert client.get(f"{QUEUE}{mine.pk}/").status_code == 200
    assert client.get(f"{QUEUE}{theirs.pk}/").status_code == 404
    response = client.post(f"{QUEUE}{theirs.pk}/", {"action": "keep_first"})
    assert response.status_code == 404
    assert not Minor.objects.filter(merged_into__isnull=False).exists()

    client.force_login(city)
    assert f"{QUEUE}{theirs.pk}/" in client.get(QUEUE).content.decode()


def test_a_village_supervisor_may_look_but_not_decide(client, places):
    twins_of_record(places["a"])
    supervisor = staff(roles.VILLAGE_SUPERVISOR, villages=[places["a"]], username="supervisor")
    finding.run(staff(roles.CITY_OFFICE, username="city"))
    pair = CandidatePair.objects.get()
    client.force_login(supervisor)
    assert client.get(f"{QUEUE}{pair.pk}/").status_code == 200
    refused = client.post(f"{QUEUE}{pair.pk}/", {"action": "keep_first"})
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # Wagtail's refusal
    assert CandidatePair.objects.get().status == "proposed"


def test_merging_keeps_every_source_and_undoing_restores_exactly_what_moved(
    client, places, reviewer
):
    first, second = twins_of_record(places["a"])
    kept_guardian = GuardianFactory(minor=first, name="示例·张父")
    moved_guardian = GuardianFactory(minor=second, name="示例·张母")
    moved_case = CaseFactory(minor=second)
    family = FamilyFactory(village=places["a"])
    second.family = family
    tag = TagFactory()
    second.tags.add(tag)
    second.save()
    minor_type = ContentType.objects.get_for_model(Minor)
    record = ImportRecord.objects.create(content_type=minor_type, resource="x", file_name="a.xlsx")
    provenance = ImportedObject.objects.create(record=record, object_id=str(second.pk))
    ModelLogEntry.objects.create(
        content_type=minor_type,
        object_id=str(second.pk),
        label="x",
        action="wagtail.create",
        timestamp=timezone.now(),
    )
    finding.run(reviewer)
    pair = CandidatePair.objects.get()

    client.force_login(reviewer)
    page = client.post(f"{QUEUE}{pair.pk}/", {"action": "keep_first"}, follow=True)
    assert 'data-status="merged"' in page.content.decode()
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.merged_into == first
    assert set(first.guardians.all()) == {kept_guardian, moved_guardian}
    assert list(first.cases.all()) == [moved_case]
    assert first.family == family and list(first.tags.all()) == [tag]
    provenance.refresh_from_db()
    assert provenance.object_id == str(first.pk)
    history = ModelLogEntry.objects.filter(content_type=minor_type, object_id=str(first.pk))
    assert {"wagtail.create", "comparison.merge"} <= set(history.values_list("action", flat=True))
    assert ModelLogEntry.objects.filter(action="comparison.merge", user=reviewer).exists()

    # Something added to the survivor after the merge stays with it when the merge is undone.
    later_case = CaseFactory(minor=first)
    client.post(f"{QUEUE}{pair.pk}/", {"action": "undo"})
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.merged_into is None
    assert list(first.guardians.all()) == [kept_guardian]
    assert list(second.guardians.all()) == [moved_guardian]
    assert list(second.cases.all()) == [moved_case]
    assert list(first.cases.all()) == [later_case]
    assert first.family is None and second.family == family
    assert list(first.tags.all()) == [] and list(second.tags.all()) == [tag]
    provenance.refresh_from_db()
    assert provenance.object_id == str(second.pk)
    assert ModelLogEntry.objects.filter(
        content_type=minor_type, object_id=str(second.pk), action="wagtail.create"
    ).exists()
    assert CandidatePair.objects.get().status == "proposed"
    assert Merge.objects.get().undone_by == reviewer
    assert ModelLogEntry.objects.filter(action="comparison.unmerge").count() == 3


def test_a_pair_already_decided_cannot_be_merged_twice(places, reviewer):
    first, second = twins_of_record(places["a"])
    finding.run(reviewer)
    pair = CandidatePair.objects.get()
    merging.merge(pair, first, reviewer)
    with pytest.raises(merging.MergeRefused):
        merging.merge(CandidatePair.objects.get(), second, reviewer)
    assert Guardian.objects.count() == 0 and Case.objects.count() == 0
    assert Minor.objects.get(pk=first.pk).merged_into is None


def test_an_import_naming_a_merged_records_id_number_updates_the_survivor(
    admin_client, places, reviewer
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    survivor = MinorFactory(
        name="示例·张伟", sex="male", birth_date=BORN, village=places["a"], id_number=""
    )
    merged = MinorFactory(name="示例·章伟", sex="male", birth_date=BORN, village=places["a"])
    finding.run(reviewer)
    merging.merge(CandidatePair.objects.get(), survivor, reviewer)
    township, village = places["a"].township.name, places["a"].name
    content = csv_file(
        [
            ["姓名", "性别", "出生日期", "身份证号", "乡镇(街道)", "村(居)委会", "学校"],
            ["示例·张伟", "男", "2015-10-14", merged.id_number, township, village, "槐西小学"],
        ]
    )
    url = "/admin/protection/minors/import/"
    admin_client.post(url, {"file": SimpleUploadedFile("名单.csv", content)})
    record = ImportRecord.objects.latest("pk")
    assert (record.counts["new"], record.counts["updated"]) == (0, 1)
    admin_client.post(f"{url}{record.pk}/confirm/")
    survivor.refresh_from_db()
    assert survivor.school == "槐西小学"
