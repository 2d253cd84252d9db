"""iCalendar (RFC 5545) feeds of public sessions, for phone and desktop calendar applications.

Times go out in Beijing time with the VTIMEZONE they need, so that a calendar set to another
zone still shows the session at the right moment."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

STATUS = {"planned": "TENTATIVE", "confirmed": "CONFIRMED", "held": "CONFIRMED"}


def build_calendar(sessions, request, page, name):
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//Lantian//training//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    now = timezone.now()
    host = request.get_host().split(":")[0]
    # One page URL for the whole feed: resolving it per event cost more than the event.
    page_url = request.build_absolute_uri(page.url)
    for session in sessions:
        event = Event()
        event.add("uid", f"training-session-{session.pk}@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", session.start.astimezone(zone))
        event.add("dtend", session.end.astimezone(zone))
        event.add("summary", session.title)
        if session.where:
            event.add("location", session.where)
        event.add("description", session.summary or session.title)
        event.add("url", page_url + page.reverse_subpage("session", args=[session.pk]))
        event.add("status", STATUS.get(session.status, "CANCELLED"))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def ics_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
