"""On the day: staff check people in, add walk-ins, export the sheet and import it back filled
in, print certificates; every change is on the audit log."""

import io

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import ModelLogEntry

from training.models import Registration

from .factories import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def checkin_url(session):
    return reverse("training_checkin", args=[session.pk])


def xlsx(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "attendance.xlsx"
    return buffer


def test_checking_a_person_in_is_recorded_and_logged(admin_client):
    registration = RegistrationFactory(name="李建国")
    url = checkin_url(registration.session)
    page = admin_client.get(url, **ZH).content.decode()
    assert "李建国" in page
    response = admin_client.post(url, {"action": "check-in", "registration": registration.pk})
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.attended
    assert ModelLogEntry.objects.filter(action="training.check_in").count() == 1
    admin_client.post(url, {"action": "undo", "registration": registration.pk})
    registration.refresh_from_db()
    assert not registration.attended


def test_a_registration_of_another_session_cannot_be_checked_in_here(admin_client):
    here = SessionFactory()
    elsewhere = RegistrationFactory()
    response = admin_client.post(
        checkin_url(here), {"action": "check-in", "registration": elsewhere.pk}
    )
    assert response.status_code == 404
    elsewhere.refresh_from_db()
    assert not elsewhere.attended


def test_a_walk_in_is_registered_and_checked_in(admin_client):
    session = SessionFactory()
    response = admin_client.post(
        checkin_url(session),
        {"action": "walk-in", "walkin-name": "张桂兰", "walkin-phone": "0371-77778888"},
    )
    assert response.status_code == 302
    walk_in = Registration.objects.get()
    assert walk_in.source == Registration.Source.STAFF and walk_in.attended


def test_a_walk_in_beyond_capacity_is_refused(admin_client):
    session = SessionFactory(capacity=1)
    RegistrationFactory(session=session)
    response = admin_client.post(
        checkin_url(session),
        {"action": "walk-in", "walkin-name": "张桂兰", "walkin-phone": "0371-77778888"},
        **ZH,
    )
    assert "名额已满" in response.content.decode()
    assert session.registrations.count() == 1


def test_the_exported_sheet_has_chinese_headings_and_imports_back(admin_client):
    session = SessionFactory()
    came = RegistrationFactory(session=session, name="王秀英")
    RegistrationFactory(session=session, name="刘志强")
    response = admin_client.get(reverse("training_attendance_export", args=[session.pk]))
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("姓名", "电话", "乡镇(街道)", "村(居)或单位", "签到")
    assert {r[0] for r in rows[1:]} == {"王秀英", "刘志强"}

    # Tick 王秀英 on the sheet, add a walk-in written on paper, and import it back.
    filled = [list(rows[0])]
    for row in rows[1:]:
        filled.append([*row[:4], "是" if row[0] == "王秀英" else "否", None])
    filled.append(["陈玉梅", "0371-1111 2222", "", "槐西村", "是", None])
    url = checkin_url(session)
    preview = admin_client.post(url, {"action": "upload", "file": xlsx(filled)}, **ZH)
    page = preview.content.decode()
    assert "1 条新增" in page, page[-3000:]
    key = preview.context["preview"]["key"]
    assert Registration.objects.filter(session=session).count() == 2  # nothing saved yet
    admin_client.post(url, {"action": "confirm", "key": key})
    came.refresh_from_db()
    assert came.attended
    new = Registration.objects.get(name="陈玉梅")
    assert new.attended and new.phone == "037111112222"
    assert new.source == Registration.Source.IMPORT
    assert ModelLogEntry.objects.filter(action="training.import_attendance").exists()


def test_a_sheet_with_a_bad_row_imports_nothing(admin_client):
    session = SessionFactory()
    sheet = xlsx(
        [
            ["姓名", "电话", "乡镇(街道)", "村(居)或单位", "签到", "签到时间"],
            ["陈玉梅", "0371-1111 2222", "", "", "是", None],
            ["无电话的人", "", "", "", "是", None],
        ]
    )
    response = admin_client.post(checkin_url(session), {"action": "upload", "file": sheet}, **ZH)
    page = response.content.decode()
    assert "缺少电话号码" in page
    assert "确认导入" not in page
    assert not Registration.objects.exists()


def test_a_file_that_is_not_a_sheet_is_refused_in_chinese(admin_client):
    session = SessionFactory()
    junk = io.BytesIO(b"not a spreadsheet")
    junk.name = "a.xlsx"
    response = admin_client.post(checkin_url(session), {"action": "upload", "file": junk}, **ZH)
    assert "这不是从本页导出的签到表" in response.content.decode()


def test_a_certificate_is_printed_only_for_people_who_came(admin_client):
    came = RegistrationFactory(name="王秀英")
    came.checked_in_at = came.session.start
    came.save()
    absent = RegistrationFactory(session=came.session)
    page = admin_client.get(reverse("training_certificate", args=[came.pk]), **ZH)
    assert page.status_code == 200
    text = page.content.decode()
    assert "培训证明" in text and "王秀英" in text and came.session.title in text
    assert admin_client.get(reverse("training_certificate", args=[absent.pk])).status_code == 404


def test_people_without_training_permissions_cannot_see_attendance(client):
    registration = RegistrationFactory()
    url = checkin_url(registration.session)
    assert client.get(url).status_code == 302  # anonymous: to the login page
    editor = get_user_model().objects.create_user("editor", password="pw")
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    # The admin turns a refusal into a redirect to its dashboard with a message.
    for denied in (
        url,
        reverse("training_certificate", args=[registration.pk]),
        reverse("training_attendance_export", args=[registration.session.pk]),
        reverse("training_calendar:index"),
        reverse("training_figures:index"),
    ):
        response = client.get(denied)
        assert (response.status_code, response["Location"]) == (302, "/admin/"), denied
    assert (
        client.post(url, {"action": "check-in", "registration": registration.pk}).status_code == 302
    )
    registration.refresh_from_db()
    assert not registration.attended


def test_staff_entry_in_the_registrations_admin_keeps_the_seat_limit(admin_client):
    session = SessionFactory(capacity=1)
    RegistrationFactory(session=session)
    response = admin_client.post(
        reverse("training_registrations:add"),
        {"session": session.pk, "name": "张桂兰", "phone": "0371-7777 8888", "email": ""},
        **ZH,
    )
    assert response.status_code == 200
    assert "已全部报满" in response.content.decode()
    assert session.registrations.count() == 1
