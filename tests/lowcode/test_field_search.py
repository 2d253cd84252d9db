"""Custom text found by search: the listing's search box and Wagtail's search index of the
record type (volunteers and campaigns are indexed), kept up to date by the form and, in bulk,
by imports."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.search.backends import get_search_backend

from content.models import Volunteer
from lantian.imports import indexing
from lowcode import columns, values
from lowcode.models import CustomField, Kind

from .test_field_kinds import volunteer_form
from .test_fields import ZH


def search(words):
    return list(get_search_backend().search(words, Volunteer))


def sign_language(db):
    return CustomField.objects.create(record_type="volunteer", label_zh="特殊技能", kind=Kind.TEXT)


def test_the_search_index_finds_a_value_entered_on_the_form(admin_client, world):
    field = sign_language(world)
    data = volunteer_form(world, **{field.form_name: "Makaton 手语"})
    assert admin_client.post(reverse("content_volunteers:add"), data).status_code == 302
    found = search("Makaton")
    assert [v.name for v in found] == ["测试·志愿者"]


def test_the_search_index_follows_a_changed_value(admin_client, world):
    field = sign_language(world)
    admin_client.post(reverse("content_volunteers:add"), volunteer_form(world))
    volunteer = Volunteer.objects.get()
    assert search("Braille") == []
    values.write(volunteer, {field: "Braille 盲文"})
    assert search("Braille") == [volunteer]


def test_the_listing_search_box_finds_a_value(admin_client, world):
    field = sign_language(world)
    for name in ("测试·甲", "测试·乙"):
        Volunteer.objects.create(name=name, phone="0371-64001234", township=world.township_a)
    values.write(Volunteer.objects.get(name="测试·甲"), {field: "会手语"})
    page = admin_client.get(reverse("content_volunteers:list"), {"q": "手语"}, **ZH)
    html = page.content.decode()
    assert "测试·甲" in html and "测试·乙" not in html


def test_an_import_indexes_custom_text_in_bulk(world):
    field = sign_language(world)
    admin = world.users["city"]
    people = [
        Volunteer.objects.create(
            name=f"测试·{n}", phone="0371-64001234", township=world.township_a, skills=""
        )
        for n in range(5)
    ]
    columns.write_many(field, [(p, f"Makaton{n}") for n, p in enumerate(people)], admin)
    with CaptureQueriesContext(connection) as queries:
        indexing.update_search_index(Volunteer, people)
    assert not [q for q in queries if "lowcode_customvalue" in q["sql"]]
    assert search("Makaton3") == [people[3]]
