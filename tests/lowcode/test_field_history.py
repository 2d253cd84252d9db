"""Custom values in the record's revisions: compare between two revisions shows a changed
custom value under its label."""

from django.urls import reverse

from lowcode import values

from .test_fields import ZH, minor_form


def edit_minor(client, world, minor, **custom):
    data = minor_form(
        world,
        township=minor.township_id,
        village=minor.village_id,
        name=minor.name,
        id_number=minor.id_number,
        birth_date=minor.birth_date.isoformat(),
        sex=minor.sex,
        **custom,
    )
    response = client.post(reverse("protection_minors:edit", args=[minor.pk]), data, **ZH)
    assert response.status_code == 302


def test_compare_shows_a_changed_custom_value(client, world, left_behind):
    minor = world.minor_a
    client.force_login(world.users["township"])
    edit_minor(client, world, minor, **{left_behind.form_name: values.NO})
    edit_minor(client, world, minor, **{left_behind.form_name: values.YES})
    older, newer = minor.revisions.order_by("created_at", "id")
    assert older.content[values.REVISION_KEY] == {str(left_behind.pk): "否"}
    assert newer.content[values.REVISION_KEY] == {str(left_behind.pk): "是"}
    url = reverse("protection_minors:revisions_compare", args=[minor.pk, older.pk, newer.pk])
    page = client.get(url, **ZH).content.decode()
    assert "是否留守儿童" in page
    assert "否" in page and "是" in page


def test_compare_leaves_out_an_unchanged_custom_value(client, world, left_behind):
    minor = world.minor_a
    client.force_login(world.users["township"])
    edit_minor(client, world, minor, **{left_behind.form_name: values.YES})
    edit_minor(client, world, minor, ethnicity="回族", **{left_behind.form_name: values.YES})
    older, newer = minor.revisions.order_by("created_at", "id")
    url = reverse("protection_minors:revisions_compare", args=[minor.pk, older.pk, newer.pk])
    page = client.get(url, **ZH).content.decode()
    assert "回族" in page
    assert "是否留守儿童" not in page


def test_compare_outside_the_scope_is_404(client, world, left_behind):
    client.force_login(world.users["city"])
    edit_minor(client, world, world.minor_b, **{left_behind.form_name: values.YES})
    revision = world.minor_b.revisions.get()
    client.force_login(world.users["township"])
    url = reverse(
        "protection_minors:revisions_compare", args=[world.minor_b.pk, revision.pk, "live"]
    )
    assert client.get(url).status_code == 404
