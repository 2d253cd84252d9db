"""The import log follows the scope: the city office sees every spreadsheet import; township
and village staff the imports they made and those that wrote a record in their area; a liaison
or a user without a jurisdiction nothing but their own, if any."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from lantian.models import ImportedObject, ImportRecord
from protection import roles
from protection.models import Minor, Township
from protection.scope import visible_imports

from .factories import staff


def _import(user, name, *written, model=Minor):
    record = ImportRecord.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        user=user,
        file_name=name,
        status=ImportRecord.Status.DONE,
    )
    for item in written:
        ImportedObject.objects.create(record=record, object_id=str(item.pk))
    return record


def _seen(user):
    records = visible_imports(ImportRecord.objects.all(), user)
    return set(records.values_list("file_name", flat=True))


def test_each_role_sees_the_imports_of_its_area_or_its_own(world):
    city, township, village = (world.users[k] for k in ("city", "township", "village"))
    other_village = staff(roles.VILLAGE_SUPERVISOR, villages=[world.village_a2])
    township_b = staff(roles.TOWNSHIP_STAFF, townships=[world.township_b])
    _import(city, "甲村.xlsx", world.minor_a)
    _import(city, "甲镇二村.xlsx", world.minor_a2)
    _import(city, "乙镇.xlsx", world.minor_b)
    _import(city, "两镇.xlsx", world.minor_a, world.minor_b)
    _import(township, "甲镇自己上传未写入.xlsx")  # checked, nothing written yet
    _import(city, "乡镇表.xlsx", world.township_a, model=Township)  # reference data: no area

    everything = {"甲村.xlsx", "甲镇二村.xlsx", "乙镇.xlsx", "两镇.xlsx"}
    everything |= {"甲镇自己上传未写入.xlsx", "乡镇表.xlsx"}
    assert _seen(city) == everything
    assert _seen(world.users["leader"]) == everything
    assert _seen(township) == {"甲村.xlsx", "甲镇二村.xlsx", "两镇.xlsx", "甲镇自己上传未写入.xlsx"}
    assert _seen(township_b) == {"乙镇.xlsx", "两镇.xlsx"}
    assert _seen(village) == {"甲村.xlsx", "两镇.xlsx"}
    assert _seen(other_village) == {"甲镇二村.xlsx"}
    assert _seen(world.users["liaison"]) == set()
    assert _seen(world.users["nobody"]) == set()


def test_a_liaison_sees_only_their_own_imports(world):
    liaison = world.users["liaison"]
    world.case_a.departments.set([world.department])
    _import(world.users["city"], "甲村.xlsx", world.minor_a)
    _import(liaison, "联络员上传.xlsx", world.minor_a)
    assert _seen(liaison) == {"联络员上传.xlsx"}


def test_the_import_log_in_the_admin_lists_and_opens_only_the_scope(client, world):
    """Township staff open the import log (设置 → 导入导出记录) for their own area; another
    township's import is neither listed nor opened by a guessed URL."""
    city = world.users["city"]
    mine = _import(city, "甲镇名单.xlsx", world.minor_a)
    theirs = _import(city, "乙镇名单.xlsx", world.minor_b)
    client.force_login(world.users["township"])
    html = client.get(reverse("lantian_imports:index")).content.decode()
    assert "甲镇名单.xlsx" in html and "乙镇名单.xlsx" not in html
    assert client.get(reverse("lantian_imports:inspect", args=[mine.pk])).status_code == 200
    assert client.get(reverse("lantian_imports:inspect", args=[theirs.pk])).status_code == 404

    client.force_login(world.users["leader"])
    html = client.get(reverse("lantian_imports:index")).content.decode()
    assert "甲镇名单.xlsx" in html and "乙镇名单.xlsx" in html
