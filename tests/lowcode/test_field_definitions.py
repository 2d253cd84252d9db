"""The custom-field definitions are read once per request, and a change an administrator makes
is on the next form at once."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lowcode import values
from lowcode.models import CustomField, Kind

from .test_fields import ZH


def field_queries(queries):
    return [q for q in queries if 'FROM "lowcode_customfield"' in q["sql"]]


def test_a_listing_page_reads_each_record_types_fields_once(client, world, left_behind):
    CustomField.objects.create(
        record_type="minor", label_zh="特长", kind=Kind.TEXT, in_listing=True
    )
    client.force_login(world.users["township"])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("protection_minors:list"), {"q": "测试"}, **ZH)
    assert page.status_code == 200 and "特长" in page.content.decode()
    # The minor's fields and its guardians' fields (for the filters), read together.
    assert len(field_queries(queries)) == 1


def test_a_field_saved_during_a_request_is_read_again(db):
    values.request_started()
    try:
        assert values.fields_for("minor") == []
        field = CustomField.objects.create(record_type="minor", label_zh="特长", kind=Kind.TEXT)
        assert values.fields_for("minor") == [field]
        with CaptureQueriesContext(connection) as queries:
            values.fields_for("minor")
        assert field_queries(queries) == []
        field.delete()
        assert values.fields_for("minor") == []
    finally:
        values.request_finished()


def test_outside_a_request_every_read_is_fresh(db):
    with CaptureQueriesContext(connection) as queries:
        values.fields_for("minor")
        values.fields_for("minor")
    assert len(field_queries(queries)) == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_committed_definitions_are_cached_until_a_field_changes(client):
    admin = get_user_model().objects.create_superuser("root", "root@example.invalid", "pw")
    field = CustomField.objects.create(
        record_type="minor", label_zh="特长", kind=Kind.TEXT, in_listing=True
    )
    client.force_login(admin)
    form = reverse("protection_minors:add")
    client.get(form)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(form, **ZH)
    assert field_queries(queries) == []  # from the cache
    assert "特长" in page.content.decode()
    field.label_zh = "兴趣特长"
    field.save()
    assert "兴趣特长" in client.get(form, **ZH).content.decode()
