"""iCal feeds for phone and desktop calendars, checked by parsing them with icalendar."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from icalendar import Calendar

from .factories import SessionFactory, beijing

pytestmark = pytest.mark.django_db


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_a_session_feed_is_valid_and_in_beijing_time(client, calendar_page):
    session = SessionFactory(
        title="家庭急救与疾病预防", start=beijing(2027, 4, 2, 9), end=beijing(2027, 4, 2, 11)
    )
    calendar = parse(client.get(calendar_page.suburl("session_ics", session.pk)))
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    [event] = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert start.tzinfo is not None
    assert start == dt.datetime(2027, 4, 2, 1, 0, tzinfo=dt.UTC)  # 09:00 Beijing
    assert start.utcoffset() == dt.timedelta(hours=8)
    assert event.decoded("DTEND") - start == dt.timedelta(hours=2)
    assert str(event["SUMMARY"]) == "家庭急救与疾病预防"
    assert str(event["UID"]).startswith(f"training-session-{session.pk}@")
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event["URL"].endswith(calendar_page.suburl("session", session.pk))
    # The time zone the event names is defined in the file, as RFC 5545 requires.
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Shanghai"


def test_the_calendar_feed_lists_public_sessions_only(client, calendar_page):
    public = SessionFactory(title="公开培训")
    SessionFactory(title="内部培训", is_public=False)
    cancelled = SessionFactory(title="取消的培训", status="cancelled")
    calendar = parse(client.get(calendar_page.suburl("calendar_ics")))
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"公开培训", "取消的培训"}
    assert str(events["取消的培训"]["STATUS"]) == "CANCELLED"
    assert len({str(e["UID"]) for e in events.values()}) == 2
    assert public.pk and cancelled.pk


def test_the_page_shows_beijing_time_whatever_the_server_clock(client, calendar_page, settings):
    session = SessionFactory(start=dt.datetime(2027, 4, 2, 1, 0, tzinfo=ZoneInfo("UTC")))
    session.end = session.start + dt.timedelta(hours=2)
    session.save()
    page = BeautifulSoup(
        client.get(calendar_page.suburl("session", session.pk)).content, "html.parser"
    )
    when = page.select_one(".t-facts dd").get_text(strip=True)
    assert when.startswith("2027年4月2日") and when.endswith("09:00–11:00"), when
