"""Custom fields: added in the admin, on the form in their place (guardians' in the guardian
inline), validated in Chinese, on the inspect page and in the history, a listing column, filter
and search term, within the user's scope; archived, never deleted, once they hold values."""

import datetime

from django.urls import reverse
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from lowcode import values
from lowcode.models import CustomField, CustomValue, Kind
from protection.models import Minor
from tests.protection.factories import CategoryFactory, MinorFactory, TagFactory, id_number_for

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def minor_form(world, guardians=(), **overrides):
    birth = datetime.date(2016, 5, 6)
    data = {
        "name": "测试·新档案",
        "sex": "male",
        "birth_date": birth.isoformat(),
        "id_number": id_number_for(birth, "male", 7),
        "ethnicity": "汉族",
        "township": world.township_a.pk,
        "village": world.village_a.pk,
        "guardians": inline_formset(list(guardians)),
        "photos": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def add_minor(client, world, **kwargs):
    client.force_login(world.users["township"])
    return client.post(reverse("protection_minors:add"), minor_form(world, **kwargs), **ZH)


def test_an_administrator_adds_a_field_and_it_is_on_the_form_in_its_place(admin_client, world):
    TagFactory(name="留守")
    response = admin_client.post(
        reverse("lowcode_fields:add"),
        {
            "record_type": "minor",
            "label_zh": "是否留守儿童",
            "label_en": "left-behind child",
            "kind": "yes_no",
            "place": "classification",
            "sort_order": 0,
            "in_listing": "on",
            "in_filters": "on",
        },
    )
    assert response.status_code == 302
    field = CustomField.objects.get(label_zh="是否留守儿童")
    page = admin_client.get(reverse("protection_minors:edit", args=[world.minor_a.pk]), **ZH)
    html = page.content.decode()
    assert f'name="{field.form_name}"' in html
    # In the "classification" section: after the tags, before the guardians inline.
    position = html.index(f'name="{field.form_name}"')
    assert html.index('name="tags"') < position < html.index("guardians-TOTAL")


def test_a_value_is_saved_shown_on_inspect_and_in_the_history(client, world, left_behind):
    response = add_minor(client, world, **{left_behind.form_name: values.YES})
    assert response.status_code == 302
    minor = Minor.objects.get(name="测试·新档案")
    assert values.read_one(minor)[left_behind.pk] is True
    inspect = client.get(reverse("protection_minors:inspect", args=[minor.pk]), **ZH)
    assert "是否留守儿童" in inspect.content.decode()
    entry = ModelLogEntry.objects.for_instance(minor).get(action=values.CHANGED)
    assert entry.data["fields"]["是否留守儿童"]["to"] == "是"
    history = client.get(reverse("protection_minors:history", args=[minor.pk]), **ZH)
    assert history.status_code == 200


def test_a_required_field_refuses_the_form_in_chinese_and_saves_nothing(client, world):
    CustomField.objects.create(
        record_type="minor", label_zh="户籍类别", kind=Kind.TEXT, required=True
    )
    response = add_minor(client, world)
    assert response.status_code == 200
    assert "这个字段是必填项" in response.content.decode()
    assert not Minor.objects.filter(name="测试·新档案").exists()
    assert not CustomValue.objects.exists()


def test_required_only_for_the_categories_it_applies_to(client, world):
    orphan, other = CategoryFactory(name="散居孤儿"), CategoryFactory(name="其他")
    field = CustomField.objects.create(
        record_type="minor", label_zh="孤儿证号", kind=Kind.TEXT, required=True
    )
    field.categories.set([orphan])
    assert add_minor(client, world, categories=[other.pk]).status_code == 302
    refused = add_minor(client, world, name="测试·孤儿", categories=[orphan.pk])
    assert refused.status_code == 200
    assert not Minor.objects.filter(name="测试·孤儿").exists()


def test_a_bad_number_gets_a_chinese_error(client, world):
    field = CustomField.objects.create(record_type="minor", label_zh="家庭人口", kind=Kind.NUMBER)
    response = add_minor(client, world, **{field.form_name: "三口"})
    assert response.status_code == 200
    assert "输入一个数字" in response.content.decode()


def test_a_guardian_field_is_in_the_guardian_inline_and_saved_on_the_guardian(
    client, world, work_place
):
    guardian = {
        "relation": "father",
        "name": "测试·父亲",
        "id_number": "",
        "phone": "",
        "situation": "migrant",
        work_place.form_name: "广州白云区",
    }
    response = add_minor(client, world, guardians=[guardian])
    assert response.status_code == 302
    minor = Minor.objects.get(name="测试·新档案")
    saved = minor.guardians.get()
    assert values.read_one(saved)[work_place.pk] == "广州白云区"
    edit = client.get(reverse("protection_minors:edit", args=[minor.pk]), **ZH)
    html = edit.content.decode()
    assert f'name="guardians-0-{work_place.form_name}"' in html
    assert "广州白云区" in html
    inspect = client.get(reverse("protection_minors:inspect", args=[minor.pk]), **ZH)
    assert "务工地点" in inspect.content.decode() and "广州白云区" in inspect.content.decode()


def test_listing_column_filter_and_search_stay_in_scope(client, world, left_behind):
    text = CustomField.objects.create(record_type="minor", label_zh="特长", kind=Kind.TEXT)
    for minor in (world.minor_a, world.minor_b):
        values.write(minor, {left_behind: True, text: "书法"})
    values.write(world.minor_a2, {left_behind: False})
    client.force_login(world.users["township"])
    listing = reverse("protection_minors:list")
    page = client.get(listing, {left_behind.form_name: values.YES}, **ZH).content.decode()
    assert world.minor_a.name in page
    assert world.minor_a2.name not in page  # not left behind
    assert world.minor_b.name not in page  # another township
    assert "是否留守儿童" in page  # the column
    found = client.get(listing, {"q": "书法"}, **ZH).content.decode()
    assert world.minor_a.name in found and world.minor_b.name not in found


def test_a_field_with_values_is_archived_not_deleted(admin_client, world, left_behind):
    values.write(world.minor_a, {left_behind: True})
    response = admin_client.post(reverse("lowcode_fields:delete", args=[left_behind.pk]))
    assert response.status_code == 302
    left_behind.refresh_from_db()
    assert left_behind.archived
    assert CustomValue.objects.filter(field=left_behind).count() == 1
    form = admin_client.get(reverse("protection_minors:edit", args=[world.minor_a.pk]))
    assert left_behind.form_name not in form.content.decode()
    inspect = admin_client.get(reverse("protection_minors:inspect", args=[world.minor_a.pk]))
    assert "是否留守儿童" in inspect.content.decode()
    unused = CustomField.objects.create(record_type="minor", label_zh="未用字段", kind=Kind.TEXT)
    admin_client.post(reverse("lowcode_fields:delete", args=[unused.pk]))
    assert not CustomField.objects.filter(pk=unused.pk).exists()


def test_changing_a_field_keeps_its_values(admin_client, world, left_behind):
    values.write(world.minor_a, {left_behind: True})
    url = reverse("lowcode_fields:edit", args=[left_behind.pk])
    data = {
        "record_type": "minor",
        "label_zh": "留守儿童",
        "kind": "number",
        "place": "",
        "sort_order": 0,
    }
    refused = admin_client.post(url, data, **ZH)
    assert refused.status_code == 200
    assert "已有数据" in refused.content.decode()
    data["kind"] = "yes_no"
    assert admin_client.post(url, data).status_code == 302
    left_behind.refresh_from_db()
    assert left_behind.label_zh == "留守儿童"
    assert values.read_one(world.minor_a)[left_behind.pk] is True


def test_a_choice_no_longer_offered_is_kept_when_the_form_is_saved_again(client, world):
    field = CustomField.objects.create(
        record_type="minor", label_zh="就学情况", kind=Kind.CHOICE, choices="在校\n辍学"
    )
    minor = MinorFactory(village=world.village_a)
    values.write(minor, {field: "辍学"})
    field.choices = "在校\n休学"
    field.save()
    client.force_login(world.users["township"])
    page = client.get(reverse("protection_minors:edit", args=[minor.pk]), **ZH).content.decode()
    assert "辍学" in page


def test_a_guardian_field_filters_the_minor_listing(client, world, work_place):
    from tests.protection.factories import GuardianFactory

    work_place.in_filters = True
    work_place.save()
    away = GuardianFactory(minor=world.minor_a)
    home = GuardianFactory(minor=world.minor_a2)
    values.write(away, {work_place: "广州白云区"})
    values.write(home, {work_place: "荥阳本地"})
    client.force_login(world.users["township"])
    page = client.get(
        reverse("protection_minors:list"), {work_place.form_name: "广州"}, **ZH
    ).content.decode()
    assert world.minor_a.name in page and world.minor_a2.name not in page
    assert "监护人·务工地点" in page
