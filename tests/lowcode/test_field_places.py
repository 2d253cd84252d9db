"""Where a custom field sits on the record's form: a section of the form, or a tab of its own
that the administrator names, the fields in it ordered by their order."""

from django.urls import reverse

from lowcode.models import CustomField, Kind

from .test_fields import ZH


def test_an_administrator_puts_a_field_in_a_new_tab(admin_client, world):
    data = {
        "record_type": "minor",
        "label_zh": "随访人",
        "kind": "text",
        "place": "tab:",
        "new_tab": "随访信息",
        "sort_order": 0,
    }
    assert admin_client.post(reverse("lowcode_fields:add"), data).status_code == 302
    field = CustomField.objects.get(label_zh="随访人")
    assert field.place == "tab:随访信息"
    # The next field may choose that tab by name.
    page = admin_client.get(reverse("lowcode_fields:add"), **ZH).content.decode()
    assert 'value="tab:随访信息"' in page


def test_a_new_tab_needs_a_name(admin_client, db):
    data = {"record_type": "minor", "label_zh": "随访人", "kind": "text", "place": "tab:"}
    assert admin_client.post(reverse("lowcode_fields:add"), data).status_code == 200
    assert not CustomField.objects.exists()


def test_the_tab_is_on_the_form_with_its_fields_in_order(admin_client, world):
    later = CustomField.objects.create(
        record_type="minor", label_zh="随访频次", kind=Kind.TEXT, place="tab:随访信息", sort_order=2
    )
    first = CustomField.objects.create(
        record_type="minor", label_zh="随访人", kind=Kind.TEXT, place="tab:随访信息", sort_order=1
    )
    elsewhere = CustomField.objects.create(record_type="minor", label_zh="特长", kind=Kind.TEXT)
    page = admin_client.get(
        reverse("protection_minors:edit", args=[world.minor_a.pk]), **ZH
    ).content.decode()
    assert 'role="tab"' in page and "随访信息" in page
    own, other = page.index('name="name"'), page.index(f'name="{elsewhere.form_name}"')
    one, two = page.index(f'name="{first.form_name}"'), page.index(f'name="{later.form_name}"')
    # The record's own fields and the other custom fields in the first tab; the tab's fields in
    # a panel of their own, in their order.
    assert own < other < one < two
    assert page.count('role="tabpanel"', own, other) == 0
    assert page.count('role="tabpanel"', other, one) == 1
    assert page.count(f'name="{first.form_name}"') == 1


def test_without_tab_fields_the_form_has_no_tabs(admin_client, world):
    CustomField.objects.create(record_type="minor", label_zh="特长", kind=Kind.TEXT)
    page = admin_client.get(
        reverse("protection_minors:edit", args=[world.minor_a.pk]), **ZH
    ).content.decode()
    assert 'role="tab"' not in page
