"""A trainer schedules sessions: conflicts are refused with a clear Chinese message and nothing
is saved; a monthly series is created in one step at the same Beijing time each month."""

import datetime as dt

import pytest
from django.utils import timezone

from training.models import TrainingSession

from .factories import (
    DepartmentFactory,
    SessionFactory,
    TopicFactory,
    TrainerFactory,
    VenueFactory,
    beijing,
)
from .helpers import add_url, edit_url, session_post

pytestmark = pytest.mark.django_db

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def post(client, url, data):
    return client.post(url, data, **ZH)


def test_a_session_is_saved_in_beijing_time(admin_client):
    venue = VenueFactory()
    response = post(
        admin_client,
        add_url(),
        session_post(topic=TopicFactory(), organiser=DepartmentFactory(), venue=venue),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    session = TrainingSession.objects.get()
    # 09:30 in Xingyang is 01:30 UTC.
    assert session.start == dt.datetime(2027, 3, 10, 1, 30, tzinfo=dt.UTC)
    assert session.township == venue.township


def test_a_trainer_cannot_be_booked_twice_at_once(admin_client):
    trainer = TrainerFactory(name="吴律师")
    SessionFactory(
        title="法律知识讲座",
        start=beijing(2027, 3, 10, 9),
        end=beijing(2027, 3, 10, 11),
        trainers=[trainer],
    )
    response = post(
        admin_client,
        add_url(),
        session_post(
            topic=TopicFactory(),
            organiser=DepartmentFactory(),
            venue=VenueFactory(),
            trainers=[trainer],
        ),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "吴律师已在 2027-03-10 09:00 至 2027-03-10 11:00 讲授“法律知识讲座”" in page
    assert TrainingSession.objects.count() == 1


def test_a_venue_cannot_hold_two_sessions_at_once(admin_client):
    venue = VenueFactory(name="城关乡政府三楼会议室")
    SessionFactory(venue=venue, start=beijing(2027, 3, 10, 10), end=beijing(2027, 3, 10, 12))
    response = post(
        admin_client,
        add_url(),
        session_post(topic=TopicFactory(), organiser=DepartmentFactory(), venue=venue),
    )
    assert response.status_code == 200
    assert "城关乡政府三楼会议室在 2027-03-10 10:00 至 2027-03-10 12:00 已被" in (
        response.content.decode()
    )
    assert TrainingSession.objects.count() == 1


def test_back_to_back_sessions_and_cancelled_ones_do_not_conflict(admin_client):
    venue = VenueFactory()
    SessionFactory(venue=venue, start=beijing(2027, 3, 10, 7), end=beijing(2027, 3, 10, 9, 30))
    SessionFactory(
        venue=venue,
        start=beijing(2027, 3, 10, 9),
        end=beijing(2027, 3, 10, 12),
        status=TrainingSession.Status.CANCELLED,
    )
    response = post(
        admin_client,
        add_url(),
        session_post(topic=TopicFactory(), organiser=DepartmentFactory(), venue=venue),
    )
    assert response.status_code == 302
    assert TrainingSession.objects.count() == 3


def test_editing_a_session_does_not_conflict_with_itself(admin_client):
    trainer = TrainerFactory()
    session = SessionFactory(trainers=[trainer])
    local = timezone.localtime(session.start)
    data = session_post(
        topic=session.topics.first(),
        organiser=session.organiser,
        venue=session.venue,
        trainers=[trainer],
        title="改名后的培训",
        start=f"{local:%Y-%m-%d %H:%M}",
        end=f"{timezone.localtime(session.end):%Y-%m-%d %H:%M}",
        status="confirmed",
    )
    response = post(admin_client, edit_url(session), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    session.refresh_from_db()
    assert session.title == "改名后的培训"


def test_an_end_before_the_start_is_refused(admin_client):
    response = post(
        admin_client,
        add_url(),
        session_post(
            topic=TopicFactory(),
            organiser=DepartmentFactory(),
            venue=VenueFactory(),
            end="2027-03-10 08:00",
        ),
    )
    assert response.status_code == 200
    assert "结束时间必须晚于开始时间" in response.content.decode()
    assert not TrainingSession.objects.exists()


def test_a_capacity_above_the_venue_seats_is_refused(admin_client):
    venue = VenueFactory(name="槐西村村委会会议室", capacity=40)
    response = post(
        admin_client,
        add_url(),
        session_post(topic=TopicFactory(), organiser=DepartmentFactory(), venue=venue, capacity=60),
    )
    assert response.status_code == 200
    assert "槐西村村委会会议室只有 40 个座位，容量不能设为 60" in response.content.decode()
    assert not TrainingSession.objects.exists()


def test_a_held_session_cannot_go_back_to_planned(admin_client):
    session = SessionFactory(
        status=TrainingSession.Status.HELD,
        start=beijing(2026, 1, 5, 9),
        end=beijing(2026, 1, 5, 11),
    )
    data = session_post(
        topic=session.topics.first(),
        organiser=session.organiser,
        venue=session.venue,
        start="2026-01-05 09:00",
        end="2026-01-05 11:00",
        status="planned",
    )
    response = post(admin_client, edit_url(session), data)
    assert response.status_code == 200
    assert "已举办的培训不能改为计划中" in response.content.decode()
    session.refresh_from_db()
    assert session.status == TrainingSession.Status.HELD


def test_a_monthly_series_is_created_in_one_step(admin_client):
    trainer = TrainerFactory()
    response = post(
        admin_client,
        add_url(),
        session_post(
            topic=TopicFactory(),
            organiser=DepartmentFactory(),
            venue=VenueFactory(),
            trainers=[trainer],
            start="2027-01-31 09:30",
            end="2027-01-31 11:30",
            repeat="monthly",
            occurrences=12,
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    sessions = list(TrainingSession.objects.order_by("start"))
    assert len(sessions) == 12
    assert len({s.series_id for s in sessions}) == 1 and sessions[0].series_id
    local = [timezone.localtime(s.start) for s in sessions]
    assert {(t.hour, t.minute) for t in local} == {(9, 30)}
    # A series on the 31st falls on the last day of shorter months.
    assert [t.date() for t in local[:3]] == [
        dt.date(2027, 1, 31),
        dt.date(2027, 2, 28),
        dt.date(2027, 3, 31),
    ]
    assert all(list(s.trainers.all()) == [trainer] for s in sessions)


def test_each_occurrence_of_a_series_is_edited_on_its_own(admin_client):
    post(
        admin_client,
        add_url(),
        session_post(
            topic=TopicFactory(),
            organiser=DepartmentFactory(),
            venue=VenueFactory(),
            repeat="weekly",
            occurrences=3,
        ),
    )
    second = TrainingSession.objects.order_by("start")[1]
    data = session_post(
        topic=second.topics.first(),
        organiser=second.organiser,
        venue=second.venue,
        title="第二次改到下午",
        start="2027-03-17 14:00",
        end="2027-03-17 16:00",
    )
    assert post(admin_client, edit_url(second), data).status_code == 302
    titles = list(TrainingSession.objects.order_by("start").values_list("title", flat=True))
    assert titles == ["防拐报警知识进村培训", "第二次改到下午", "防拐报警知识进村培训"]


def test_a_series_that_would_double_book_is_refused_whole(admin_client):
    venue = VenueFactory()
    SessionFactory(venue=venue, start=beijing(2027, 5, 10, 9), end=beijing(2027, 5, 10, 12))
    response = post(
        admin_client,
        add_url(),
        session_post(
            topic=TopicFactory(),
            organiser=DepartmentFactory(),
            venue=venue,
            repeat="monthly",
            occurrences=6,
        ),
    )
    assert response.status_code == 200
    assert "第 3 次（2027-05-10）" in response.content.decode()
    assert TrainingSession.objects.count() == 1
