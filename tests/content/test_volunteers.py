"""Volunteer applications: the form lands in the registry; robots, closed forms and bad input
leave nothing behind; staff move volunteers along applied → approved → active → inactive."""

import datetime

from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from content.models import Volunteer, VolunteerApplicationPage
from protection.models import Township

FORM = "/volunteer/apply/"


def application(**overrides):
    township = Township.objects.get(name="索河街道")
    return {
        "name": "示例·志愿者",
        "phone": "0371-10003333",
        "township": township.pk,
        "skills": ["学业辅导", "心理辅导"],
        "availability": "weekends",
        **overrides,
    }


def test_an_application_lands_in_the_registry_as_applied(client, public_site):
    response = client.post(FORM, application())
    assert response.status_code == 200
    assert "感谢您报名" in response.content.decode()
    volunteer = Volunteer.objects.get()
    assert volunteer.name == "示例·志愿者"
    assert volunteer.township.name == "索河街道"
    assert volunteer.skills == "学业辅导、心理辅导"
    assert volunteer.status == Volunteer.Status.APPLIED
    assert volunteer.submission.form_data["township"] == "索河街道"


def test_a_bad_phone_number_is_refused_in_chinese_and_the_answers_are_kept(client, public_site):
    response = client.post(FORM, application(phone="call me"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = response.content.decode()
    assert "请输入电话号码" in html
    assert 'value="示例·志愿者"' in html
    assert not Volunteer.objects.exists()


def test_a_robot_filling_the_honeypot_saves_nothing(client, public_site):
    response = client.post(FORM, application(website="http://spam.example"))
    assert response.status_code == 200
    assert not Volunteer.objects.exists()
    assert not FormSubmission.objects.exists()


def test_a_closed_form_shows_the_closed_text_and_refuses_posts(client, public_site):
    page = VolunteerApplicationPage.objects.get()
    page.closes_at = timezone.now() - datetime.timedelta(days=1)
    page.save_revision().publish()
    html = client.get(FORM).content.decode()
    assert "本期志愿者招募暂未开放" in html
    assert "<form" not in html.split('id="main"')[1]
    client.post(FORM, application())
    assert not Volunteer.objects.exists()


def test_a_flood_of_applications_from_one_client_is_cut_off(client, public_site):
    for n in range(8):
        client.post(FORM, application(name=f"示例·志愿者{n}"))
    assert Volunteer.objects.count() == 5


def _edit(admin_client, volunteer, status):
    return admin_client.post(
        f"/admin/content/volunteers/edit/{volunteer.pk}/",
        {
            "name": volunteer.name,
            "phone": volunteer.phone,
            "township": volunteer.township_id,
            "station": "",
            "skills": volunteer.skills,
            "availability": volunteer.availability,
            "status": status,
            "notes": "",
        },
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )


def test_staff_approve_then_activate_and_a_skip_is_refused(admin_client, client, public_site):
    client.post(FORM, application())
    volunteer = Volunteer.objects.get()
    response = _edit(admin_client, volunteer, "active")
    assert response.status_code == 200
    assert "不能从" in response.content.decode()
    volunteer.refresh_from_db()
    assert volunteer.status == "applied"
    assert _edit(admin_client, volunteer, "approved").status_code == 302
    assert _edit(admin_client, volunteer, "active").status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.status == "active"


def test_staff_export_the_registry(admin_client, client, public_site):
    client.post(FORM, application())
    response = admin_client.get("/admin/content/volunteers/?export=csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "示例·志愿者" in body
    assert "0371-10003333" in body


def test_the_public_never_sees_the_registry(client, public_site):
    response = client.get("/admin/content/volunteers/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
