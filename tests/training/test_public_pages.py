"""The public calendar, the materials library and the demo's calendar page."""

import datetime as dt
import io

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from content.models import HeaderLink, HomeSectionLink
from training.models import Material, TrainingCalendarPage, TrainingSession
from training.tasks import enqueue_due_reminders

from .factories import (
    MaterialFactory,
    RegistrationFactory,
    SessionFactory,
    TopicFactory,
    TownshipFactory,
    TrainerFactory,
    VenueFactory,
    soon,
)

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def titles(response):
    page = BeautifulSoup(response.content, "html.parser")
    return [t.get_text(strip=True) for t in page.select(".t-list .t-title")]


def test_the_calendar_lists_upcoming_public_sessions_filtered(client, calendar_page):
    law = TopicFactory(name="相关法律法规知识")
    guangwu = VenueFactory(township=TownshipFactory(name="广武镇"))
    SessionFactory(title="法律知识进村", topics=[law], venue=guangwu)
    SessionFactory(title="防拐培训")
    SessionFactory(title="内部培训", is_public=False)
    SessionFactory(title="去年的培训", start=soon(-400), end=soon(-400, 11), status="held")
    url = calendar_page.url
    assert sorted(titles(client.get(url))) == ["法律知识进村", "防拐培训"]
    assert titles(client.get(f"{url}?topic={law.pk}")) == ["法律知识进村"]
    township = guangwu.township
    assert titles(client.get(f"{url}?township={township.pk}")) == ["法律知识进村"]
    unused = TopicFactory(name="农业科技知识")
    assert "没有符合条件的培训" in client.get(f"{url}?topic={unused.pk}", **ZH).content.decode()


def test_the_session_page_never_shows_registrants_or_internal_notes(client, calendar_page):
    session = SessionFactory(notes="钥匙在村委会张主任处")
    RegistrationFactory(session=session, name="王秀英", phone="037188889999")
    page = client.get(calendar_page.suburl("session", session.pk)).content.decode()
    assert session.title in page
    for secret in ("王秀英", "037188889999", "钥匙在村委会张主任处"):
        assert secret not in page


def test_materials_are_found_by_a_chinese_substring(client, calendar_page):
    MaterialFactory(title="防拐报警知识手册")
    MaterialFactory(title="儿童权利公约简明读本")
    MaterialFactory(title="内部讲义", is_public=False)
    url = calendar_page.suburl("materials")
    assert titles(client.get(url + "?q=拐")) == ["防拐报警知识手册"]
    assert sorted(titles(client.get(url))) == ["儿童权利公约简明读本", "防拐报警知识手册"]
    assert "内部讲义" not in client.get(url + "?q=讲义").content.decode()


def test_materials_filter_by_topic_and_target_group(client, calendar_page):
    topic = TopicFactory(name="自我保护")
    material = MaterialFactory(title="自我保护绘本")
    material.topics = [topic]
    material.save()
    MaterialFactory(title="别的资料")
    url = calendar_page.suburl("materials")
    assert titles(client.get(f"{url}?topic={topic.pk}")) == ["自我保护绘本"]


def test_a_download_is_counted_and_served(client, calendar_page):
    material = MaterialFactory()
    response = client.get(calendar_page.suburl("material_download", material.pk))
    assert response.status_code == 302
    assert response["Location"] == material.document.url
    client.get(calendar_page.suburl("material_download", material.pk))
    material.refresh_from_db()
    assert material.download_count == 2
    hidden = MaterialFactory(is_public=False)
    assert client.get(calendar_page.suburl("material_download", hidden.pk)).status_code == 404


def test_reminders_go_to_trainers_and_registrants_once():
    trainer = TrainerFactory(email="wu@example.org")
    in_two_hours = timezone.now() + dt.timedelta(hours=2)
    session = SessionFactory(
        trainers=[trainer], start=in_two_hours, end=in_two_hours + dt.timedelta(hours=2)
    )
    RegistrationFactory(session=session, email="villager@example.org")
    RegistrationFactory(session=session, email="")
    SessionFactory(start=soon(10), end=soon(10, 11))  # not due yet
    assert enqueue_due_reminders() == 1
    recipients = sorted(r for m in mail.outbox for r in m.to)
    assert recipients == ["villager@example.org", "wu@example.org"]
    assert all(session.title in m.subject for m in mail.outbox)
    assert "villager@example.org" not in mail.outbox[recipients.index("wu@example.org")].body
    assert enqueue_due_reminders() == 0
    assert len(mail.outbox) == 2
    session.refresh_from_db()
    assert session.reminder_sent_at is not None


def test_a_cancelled_session_sends_no_reminder():
    tomorrow = timezone.now() + dt.timedelta(hours=20)
    session = SessionFactory(
        status=TrainingSession.Status.CANCELLED,
        start=tomorrow,
        end=tomorrow + dt.timedelta(hours=1),
    )
    RegistrationFactory(session=session, email="villager@example.org")
    assert enqueue_due_reminders() == 0
    assert mail.outbox == []


def test_the_demo_puts_the_calendar_at_training_and_moves_the_links(client, seeded_site):
    page = TrainingCalendarPage.objects.get()
    assert page.url == "/training/"
    assert HomeSectionLink.objects.filter(title="培训").get().page_id == page.pk
    assert HeaderLink.objects.filter(page=page).exists()
    response = client.get("/training/")
    assert response.status_code == 200 and "防拐报警知识进村培训" in response.content.decode()
    counts = (TrainingSession.objects.count(), Material.objects.count())
    call_command("load_initial_data", stdout=io.StringIO())
    assert (TrainingSession.objects.count(), Material.objects.count()) == counts
    assert TrainingCalendarPage.objects.count() == 1


def test_seats_left_are_current_for_a_visitor_after_a_sign_up(client, calendar_page):
    """The site caches public pages for anonymous visitors; the calendar must not show seats
    that are already gone."""
    session = SessionFactory(capacity=20)
    before = client.get(calendar_page.url, **ZH).content.decode()
    assert "剩余 20 个名额" in before
    RegistrationFactory(session=session)
    after = client.get(calendar_page.url, **ZH).content.decode()
    assert "剩余 19 个名额" in after
