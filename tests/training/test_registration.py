"""A citizen signs up on the public session page: a receipt, never anyone's data back; clear
Chinese refusals; and the capacity holds when many sign up at the same moment."""

import datetime as dt
import threading

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.utils import timezone

from training.models import Registration, TrainingSession

from .factories import RegistrationFactory, SessionFactory

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def session_url(page, session):
    return page.suburl("session", session.pk)


def sign_up(client, url, **fields):
    data = {"name": "王秀英", "phone": "0371-6666 1234", "township": "", "organisation": "槐西村"}
    data.update(fields)
    return client.post(url, data, **ZH)


@pytest.mark.django_db
def test_a_citizen_registers_and_gets_a_receipt(client, calendar_page):
    session = SessionFactory(capacity=5)
    url = session_url(calendar_page, session)
    response = sign_up(client, url)
    assert response.status_code == 302
    assert response["Location"].endswith("?registered=1")
    registration = Registration.objects.get()
    assert registration.phone == "037166661234"  # one spelling per number
    assert registration.source == Registration.Source.PUBLIC
    page = client.get(response["Location"], **ZH).content.decode()
    assert "报名成功" in page
    assert "王秀英" not in page  # the receipt says nothing about the person


@pytest.mark.django_db
def test_the_same_number_cannot_register_twice(client, calendar_page):
    session = SessionFactory()
    url = session_url(calendar_page, session)
    sign_up(client, url)
    response = sign_up(client, url, phone="0371 66661234")
    assert response.status_code == 200
    assert "该电话号码已报名本场培训" in response.content.decode()
    assert Registration.objects.count() == 1


@pytest.mark.django_db
def test_a_full_session_refuses_in_chinese(client, calendar_page):
    session = SessionFactory(capacity=1)
    RegistrationFactory(session=session)
    response = sign_up(client, session_url(calendar_page, session))
    assert "名额已满" in response.content.decode()
    assert session.registrations.count() == 1


@pytest.mark.django_db
def test_bad_input_keeps_what_was_typed_and_saves_nothing(client, calendar_page):
    session = SessionFactory()
    response = sign_up(client, session_url(calendar_page, session), phone="打电话给我")
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert "请输入电话号码" in page.get_text()
    assert page.select_one("input[name=name]")["value"] == "王秀英"
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_registration_window_is_respected(client, calendar_page):
    opens = timezone.now() + dt.timedelta(days=1)
    session = SessionFactory(registration_opens=opens)
    url = session_url(calendar_page, session)
    assert "报名将于" in client.get(url, **ZH).content.decode()
    response = sign_up(client, url)
    assert "本场培训尚未开始报名" in response.content.decode()
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_internal_and_unknown_sessions_are_not_found(client, calendar_page):
    internal = SessionFactory(is_public=False)
    assert client.get(session_url(calendar_page, internal)).status_code == 404
    assert sign_up(client, session_url(calendar_page, internal)).status_code == 404
    assert client.get(calendar_page.url + "session/999999/").status_code == 404
    assert not Registration.objects.exists()


@pytest.mark.django_db
def test_a_bot_filling_the_hidden_field_is_not_registered(client, calendar_page):
    session = SessionFactory()
    response = sign_up(client, session_url(calendar_page, session), website="http://spam")
    assert response.status_code == 302
    assert not Registration.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_capacity_holds_under_simultaneous_sign_ups(calendar_page):
    """Twelve people press "register" at the same moment for the last three seats. On PostgreSQL
    the row lock makes them queue, so exactly three get in; SQLite turns some away as busy.
    Never more than three."""
    session = SessionFactory(capacity=3)
    url = session_url(calendar_page, session)
    barrier = threading.Barrier(12)
    statuses = []

    def attempt(n):
        client = Client(raise_request_exception=False)
        barrier.wait()
        try:
            response = sign_up(client, url, phone=f"0371-5555{n:04d}", name=f"村民{n}")
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    registered = Registration.objects.filter(session=session).count()
    assert len(statuses) == 12
    assert statuses.count(302) == registered
    assert registered <= 3
    if connection.vendor == "postgresql":
        # Everyone got an answer: three receipts and nine clear refusals, no error page.
        assert registered == 3
        assert sorted(statuses) == [200] * 9 + [302] * 3
    assert TrainingSession.objects.get(pk=session.pk).seats_left == 3 - registered
