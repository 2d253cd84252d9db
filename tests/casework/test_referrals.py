"""Referrals between departments (五(七)): sent → accepted or rejected → done, or revoked by the
sender. Each step on the referral's timeline, the case's timeline and in the audit log."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from casework import referrals
from casework.models import Referral
from protection.models import CaseNote

from .conftest import SHANGHAI, city_time
from .factories import ReferralFactory


def _form(world, **overrides):
    today = datetime.date.today()
    data = {
        "case": world.case_a.pk,
        "department": world.police.pk,
        "requested_service": "对监护人进行训诫",
        "reason": "测试·多次殴打孩子",
        "legal_basis": "未成年人保护法第一百一十八条",
        "due_date": (today + datetime.timedelta(days=10)).isoformat(),
        "access_until": (today + datetime.timedelta(days=40)).isoformat(),
        "shared_fields": ["name", "age_sex", "situation"],
    }
    data.update(overrides)
    return data


def test_the_township_station_sends_a_referral_from_the_admin(client, world):
    user = world.users["township"]
    client.force_login(user)
    response = client.post(reverse("casework_referrals:add"), _form(world))
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("casework_referrals:inspect", args=[referral.pk])
    assert (referral.status, referral.sent_by, referral.department) == ("sent", user, world.police)
    assert referral.shared_fields == ["name", "age_sex", "situation"]
    assert referral.reference.startswith("ZJ-")
    note = CaseNote.objects.get(case=world.case_a)
    assert referral.reference in note.text and world.police.name in note.text
    assert (
        ModelLogEntry.objects.for_instance(referral)
        .filter(action="casework.referral.sent", user=user)
        .exists()
    )
    assert referral.events.get().step == "sent"


def test_a_case_outside_the_jurisdiction_cannot_be_referred(client, world):
    client.force_login(world.users["township"])
    response = client.post(reverse("casework_referrals:add"), _form(world, case=world.case_b.pk))
    assert response.status_code == 200
    assert not Referral.objects.exists()
    assert not CaseNote.objects.exists()


def test_sharing_must_last_until_the_due_date(client, world):
    client.force_login(world.users["township"])
    today = datetime.date.today()
    data = _form(
        world,
        due_date=(today + datetime.timedelta(days=10)).isoformat(),
        access_until=(today + datetime.timedelta(days=5)).isoformat(),
    )
    response = client.post(reverse("casework_referrals:add"), data)
    assert response.status_code == 200
    assert "共享至少应持续到办理期限" in response.content.decode()
    assert not Referral.objects.exists()


def test_a_village_supervisor_may_not_send_referrals(client, world):
    client.force_login(world.users["village"])
    client.post(reverse("casework_referrals:add"), _form(world))
    assert not Referral.objects.exists()


def test_the_add_form_opened_from_a_case_starts_with_it(client, world):
    client.force_login(world.users["township"])
    html = client.get(reverse("casework_referrals:add") + f"?case={world.case_a.pk}")
    assert world.case_a.reference in html.content.decode()
    other = client.get(reverse("casework_referrals:add") + f"?case={world.case_b.pk}")
    assert world.case_b.reference not in other.content.decode()


def test_the_liaison_accepts_records_and_closes_it(client, world, referral):
    liaison = world.users["police"]
    client.force_login(liaison)
    base = "casework_referral_step"
    assert client.post(reverse(base, args=[referral.pk, "accept"]), {"text": ""}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == "accepted" and referral.answered_at is not None
    client.post(reverse(base, args=[referral.pk, "record"]), {"text": "已约谈监护人"})
    client.post(reverse(base, args=[referral.pk, "complete"]), {"text": "已训诫,监护人写下保证书"})
    referral.refresh_from_db()
    assert referral.status == "done" and referral.outcome.startswith("已训诫")
    assert referral.closed_at is not None
    assert [e.step for e in referral.events.all()] == ["accept", "record", "complete"]
    actions = set(ModelLogEntry.objects.for_instance(referral).values_list("action", flat=True))
    steps = {"accept", "record", "complete"}
    assert {f"casework.referral.{step}" for step in steps} <= actions
    timeline = " ".join(CaseNote.objects.filter(case=world.case_a).values_list("text", flat=True))
    assert "已约谈监护人" in timeline and "已训诫" in timeline


def test_a_rejection_needs_a_reason_and_changes_nothing_without_one(client, world, referral):
    client.force_login(world.users["police"])
    url = reverse("casework_referral_step", args=[referral.pk, "reject"])
    response = client.post(url, {"text": "  "})
    assert response.status_code == 200
    assert "请填写" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == "sent" and not referral.events.exists()
    client.post(url, {"text": "不属于本部门职责"})
    referral.refresh_from_db()
    assert referral.status == "rejected" and referral.answer == "不属于本部门职责"


def test_only_the_sender_side_revokes_and_only_the_receiver_answers(world, referral):
    with pytest.raises(PermissionDenied):
        referrals.apply(referral, "revoke", world.users["police"], "x")
    with pytest.raises(PermissionDenied):
        referrals.apply(referral, "accept", world.users["township"])
    with pytest.raises(PermissionDenied):
        referrals.apply(referral, "accept", world.users["leader"])
    referrals.apply(referral, "revoke", world.users["township"], "改由法院处理")
    referral.refresh_from_db()
    assert referral.status == "revoked"


def test_a_closed_referral_takes_no_more_steps(world, referral):
    referrals.apply(referral, "reject", world.users["police"], "不属于本部门职责")
    for name, who in [("accept", "police"), ("revoke", "township"), ("complete", "police")]:
        with pytest.raises(ValidationError):
            referrals.apply(referral, name, world.users[who], "x")
    assert referral.events.count() == 1


def test_steps_offered_follow_the_status_and_the_side(world, referral):
    names = lambda who: [s.name for s in referrals.available(referral, world.users[who])]  # noqa: E731
    assert names("police") == ["accept", "reject"]
    assert names("township") == ["revoke"]
    assert names("education") == [] and names("leader") == []
    referrals.apply(referral, "accept", world.users["police"])
    referral.refresh_from_db()
    assert names("police") == ["record", "complete"]


def test_overdue_from_the_day_after_the_due_date_on_the_city_clock(world):
    referral = ReferralFactory(
        case=world.case_a,
        department=world.police,
        due_date=datetime.date(2026, 5, 20),
        access_until=datetime.date(2026, 6, 30),
    )
    with city_time(2026, 5, 20, 23, 59):
        assert not referral.is_overdue()
        assert not Referral.objects.overdue().exists()
    with city_time(2026, 5, 21, 0, 1):  # still 20 May in UTC
        assert referral.is_overdue()
        assert list(Referral.objects.overdue()) == [referral]
        referrals.apply(referral, "accept", world.users["police"])
        referrals.apply(referral, "complete", world.users["police"], "已办结")
        assert not Referral.objects.overdue().exists()


def test_dashboard_shows_waiting_to_the_liaison_and_overdue_to_the_sender(client, world):
    waiting = ReferralFactory(
        case=world.case_a, department=world.police, sent_by=world.users["township"]
    )
    late = ReferralFactory(
        case=world.case_a,
        department=world.education,
        sent_by=world.users["township"],
        due_date=datetime.date.today() - datetime.timedelta(days=3),
    )
    client.force_login(world.users["police"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "等待本部门处理的转介" in html
    assert waiting.reference in html and late.reference not in html
    client.force_login(world.users["township"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "我的逾期转介" in html
    assert late.reference in html
    client.force_login(world.users["township_b"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert late.reference not in html


def test_the_referral_page_shows_times_on_the_city_clock(client, world):
    # 01:30 on 1 March in Beijing is still 28 February in UTC.
    referral = ReferralFactory(
        case=world.case_a,
        department=world.police,
        sent_at=datetime.datetime(2026, 3, 1, 1, 30, tzinfo=SHANGHAI),
    )
    client.force_login(world.users["township"])
    html = client.get(reverse("casework_referrals:inspect", args=[referral.pk])).content.decode()
    assert "2026年3月1日 01:30" in html
    assert "2月28日" not in html
