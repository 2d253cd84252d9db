"""Minor records in the admin: bad input gets a clear Chinese error and saves nothing;
identifiers are masked, their full view is permission-checked and logged; every opening is on
record; photos are served only through the checked view."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.models import ModelLogEntry
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from protection import roles
from protection.models import Minor, MinorPhoto

from .factories import GuardianFactory, id_number_for, staff


def minor_form(world, **overrides):
    birth = datetime.date(2016, 5, 6)
    data = {
        "name": "测试·新档案",
        "sex": "male",
        "birth_date": birth.isoformat(),
        "id_number": id_number_for(birth, "male", 7),
        "ethnicity": "汉族",
        "township": world.township_a.pk,
        "village": world.village_a.pk,
        "guardians": inline_formset([]),
        "photos": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def post_new(client, world, **overrides):
    client.force_login(world.users["township"])
    return client.post(
        reverse("protection_minors:add"),
        minor_form(world, **overrides),
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )


def test_a_valid_minor_is_saved(client, world):
    response = post_new(client, world)
    assert response.status_code == 302
    assert Minor.objects.filter(name="测试·新档案").exists()


@pytest.mark.parametrize(
    ("overrides", "chinese"),
    [
        ({"id_number": "110105194912310021"}, "校验"),
        ({"birth_date": "2016-05-07"}, "出生日期"),
        ({"sex": "female"}, "性别"),
        ({"birth_date": "2099-01-01", "id_number": ""}, "晚于今天"),
        ({"village": "VILLAGE_B"}, "不属于"),
    ],
)
def test_bad_input_gets_a_chinese_error_and_saves_nothing(client, world, overrides, chinese):
    if overrides.get("village") == "VILLAGE_B":
        overrides = {"village": world.village_b.pk}
    response = post_new(client, world, **overrides)
    assert response.status_code == 200
    assert chinese in response.content.decode()
    assert not Minor.objects.filter(name="测试·新档案").exists()


def test_lists_and_forms_show_identifiers_masked(client, world):
    guardian = GuardianFactory(minor=world.minor_a)
    client.force_login(world.users["township"])
    for url in [
        reverse("protection_minors:list"),
        reverse("protection_minors:inspect", args=[world.minor_a.pk]),
        reverse("protection_minors:edit", args=[world.minor_a.pk]),
    ]:
        html = client.get(url).content.decode()
        assert world.minor_a.id_number not in html, url
        assert guardian.id_number not in html, url
        assert guardian.phone not in html, url
    assert (
        world.minor_a.id_number[:6] + "********"
        in client.get(reverse("protection_minors:list")).content.decode()
    )


def test_editing_without_retyping_keeps_the_id_number(client, world):
    client.force_login(world.users["township"])
    original = world.minor_a.id_number
    data = minor_form(
        world,
        name=world.minor_a.name,
        sex=world.minor_a.sex,
        birth_date=world.minor_a.birth_date.isoformat(),
        id_number="",
        notes="更新备注",
    )
    response = client.post(reverse("protection_minors:edit", args=[world.minor_a.pk]), data)
    assert response.status_code == 302
    world.minor_a.refresh_from_db()
    assert world.minor_a.notes == "更新备注"
    assert world.minor_a.id_number == original


def test_full_identifiers_need_the_permission_and_are_logged(client, world):
    url = reverse("protection_identifiers", args=[world.minor_a.pk])
    client.force_login(world.users["village"])  # supervisors see masked numbers only
    refused = client.get(url)
    assert refused.status_code in (302, 403)  # Wagtail turns "permission denied" into a redirect
    assert world.minor_a.id_number not in refused.content.decode()
    client.force_login(world.users["township"])
    response = client.get(url)
    assert world.minor_a.id_number in response.content.decode()
    entry = ModelLogEntry.objects.for_instance(world.minor_a).get(
        action="protection.identifiers_viewed"
    )
    assert entry.user == world.users["township"]
    client.force_login(world.users["township"])
    assert client.get(reverse("protection_identifiers", args=[world.minor_b.pk])).status_code == 404


def test_every_opening_is_logged_and_shown_on_the_record(client, world):
    client.force_login(world.users["village"])
    client.get(reverse("protection_cases:inspect", args=[world.case_a.pk]))
    client.force_login(world.users["township"])
    page = client.get(reverse("protection_cases:inspect", args=[world.case_a.pk])).content.decode()
    openings = ModelLogEntry.objects.for_instance(world.case_a).filter(action="protection.opened")
    assert {e.user.username for e in openings} == {"village", "township"}
    assert "village" in page  # the supervisor's visit is listed on the record


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def test_photos_are_served_only_through_the_checked_view(client, world, settings):
    photo = MinorPhoto.objects.create(minor=world.minor_a, image=_png())
    assert photo.image.path.startswith(str(settings.PROTECTED_MEDIA_ROOT))
    assert not photo.image.path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        photo.image.url  # noqa: B018  (no public URL exists for it)
    url = reverse("protection_photo", args=[photo.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(world.users["township"])
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "no-store" in response["Cache-Control"]
    other = MinorPhoto.objects.create(minor=world.minor_b, image=_png())
    assert client.get(reverse("protection_photo", args=[other.pk])).status_code == 404
    for item in (photo, other):
        item.image.delete(save=False)


def test_a_photo_uploaded_with_the_form_is_kept_out_of_media_and_served_only_in_scope(
    client, world, settings
):
    response = post_new(
        client, world, photos=inline_formset([{"image": _png(), "caption": "测试·入档照片"}])
    )
    assert response.status_code == 302
    photo = MinorPhoto.objects.get(minor__name="测试·新档案")
    assert photo.caption == "测试·入档照片"
    assert photo.image.path.startswith(str(settings.PROTECTED_MEDIA_ROOT))
    assert not photo.image.path.startswith(str(settings.MEDIA_ROOT))
    url = reverse("protection_photo", args=[photo.pk])
    page = client.get(reverse("protection_minors:inspect", args=[photo.minor_id]))
    assert url in page.content.decode()  # the inspect page shows it through the checked view
    assert client.get(url)["Content-Type"] == "image/png"
    client.force_login(staff(roles.TOWNSHIP_STAFF, townships=[world.township_b]))
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    photo.image.delete(save=False)


def test_a_guardian_keeps_its_numbers_when_the_fields_are_left_blank(client, world):
    guardian = GuardianFactory(minor=world.minor_a)
    number, phone, hashed = guardian.id_number, guardian.phone, guardian.id_number_hash
    minor = world.minor_a
    client.force_login(world.users["township"])

    def edit(**guardian_fields):
        row = {
            "id": guardian.pk,
            "relation": guardian.relation,
            "name": guardian.name,
            "id_number": "",
            "phone": "",
            "situation": "imprisoned",
            **guardian_fields,
        }
        data = minor_form(
            world,
            name=minor.name,
            sex=minor.sex,
            birth_date=minor.birth_date.isoformat(),
            id_number="",
            guardians=inline_formset([row], initial=1),
        )
        return client.post(reverse("protection_minors:edit", args=[minor.pk]), data)

    form_html = client.get(reverse("protection_minors:edit", args=[minor.pk])).content.decode()
    assert number not in form_html and phone not in form_html
    assert edit().status_code == 302
    guardian.refresh_from_db()
    assert (guardian.id_number, guardian.phone, guardian.id_number_hash) == (number, phone, hashed)
    assert guardian.situation == "imprisoned"
    assert edit(phone="0371-66667777").status_code == 302
    guardian.refresh_from_db()
    assert guardian.phone == "0371-66667777" and guardian.id_number == number
