"""Joint meetings: the agenda pulls in what needs deciding, tasks are closed by their unit and
carried to the next meeting while open."""

import datetime as dt

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from programme import workflow
from programme.models import AgendaItem, MeetingTask

from .factories import (
    MeetingFactory,
    QuarterFactory,
    ReportFactory,
    TaskFactory,
    UnitFactory,
    liaison_of,
    office_user,
)

pytestmark = pytest.mark.django_db


def test_agenda_pulls_in_late_units_and_open_tasks_once():
    rq = QuarterFactory(deadline=dt.date(2026, 10, 10))
    late = ReportFactory(reporting_quarter=rq, unit=UnitFactory(name="高村乡"))
    filed = ReportFactory(reporting_quarter=rq, unit=UnitFactory(name="王村镇"), status="accepted")
    task = TaskFactory(unit=UnitFactory(name="市司法局"), description="服刑人员子女建档")
    TaskFactory(unit=task.unit, description="已办的任务", status=MeetingTask.Status.DONE)
    meeting = MeetingFactory(title="第四季度联席会议")

    assert workflow.pull_in_agenda(meeting, office_user()) == 2
    items = {i.kind: i for i in meeting.agenda_items.all()}
    assert set(items) == {AgendaItem.Kind.LATE_REPORT, AgendaItem.Kind.OPEN_TASK}
    assert "高村乡" in items[AgendaItem.Kind.LATE_REPORT].title
    assert "服刑人员子女建档" in items[AgendaItem.Kind.OPEN_TASK].title
    assert filed.unit.name not in " ".join(i.title for i in items.values())
    assert late.pk  # the late report is the source
    assert workflow.pull_in_agenda(meeting, None) == 0  # nothing twice


def test_pull_in_screen_previews_then_adds(client):
    wanted = TaskFactory(unit=UnitFactory(name="市残联"), description="残疾未成年人安置机制")
    TaskFactory(unit=wanted.unit, description="下次再议的任务")
    meeting = MeetingFactory()
    client.force_login(office_user())
    url = reverse("programme_meetings:pull_in", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "残疾未成年人安置机制" in page and "下次再议的任务" in page
    assert meeting.agenda_items.count() == 0  # looking adds nothing
    response = client.post(url, {"source": f"programme.meetingtask:{wanted.pk}"}, follow=True)
    assert "已将 1 项列入议题" in response.content.decode()
    assert [i.title for i in meeting.agenda_items.all()] == [
        f"市残联未办结任务(期限{wanted.due_date}):残疾未成年人安置机制"
    ]


def test_a_unit_closes_its_task_with_an_account_and_it_leaves_the_next_agenda(client):
    unit = UnitFactory(name="市妇联")
    task = TaskFactory(unit=unit, description="建设儿童之家")
    liaison = liaison_of(unit)
    client.force_login(liaison)
    url = reverse("programme_tasks:close", args=[task.pk])
    response = client.post(url, {"note": ""})
    assert "办结任务前请填写办理情况" in response.content.decode()
    task.refresh_from_db()
    assert task.status == "open"

    response = client.post(url, {"note": "已建成儿童之家5个。"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "done" and task.done_by == liaison
    assert ModelLogEntry.objects.for_instance(task).filter(action="programme.task.done").exists()
    assert workflow.pull_in_agenda(MeetingFactory(title="下次会议"), None) == 0


def test_a_meeting_saved_in_the_admin_keeps_agenda_decisions_and_tasks(client):
    unit = UnitFactory(name="市教体局")
    meeting = MeetingFactory()
    client.force_login(office_user())
    url = reverse("programme_meetings:edit", args=[meeting.pk])
    assert client.get(url).status_code == 200
    data = {
        "title": "第四季度联席会议",
        "held_at": "2026-10-20 09:00",
        "location": "市民政局会议室",
        "convener": "市民政局",
        "attending_units": [str(unit.pk)],
        "attendees": "田军 市民政局局长",
        "minutes": "研究辍学问题。",
        "agenda_items-TOTAL_FORMS": "1",
        "agenda_items-INITIAL_FORMS": "0",
        "agenda_items-MIN_NUM_FORMS": "0",
        "agenda_items-MAX_NUM_FORMS": "1000",
        "agenda_items-0-kind": "general",
        "agenda_items-0-outcome": "approved",
        "agenda_items-0-title": "控辍保学",
        "agenda_items-0-details": "",
        "agenda_items-0-decision": "由市教体局牵头排查。",
        "agenda_items-0-ORDER": "1",
        "tasks-TOTAL_FORMS": "1",
        "tasks-INITIAL_FORMS": "0",
        "tasks-MIN_NUM_FORMS": "0",
        "tasks-MAX_NUM_FORMS": "1000",
        "tasks-0-agenda_item_title": "控辍保学",
        "tasks-0-unit": str(unit.pk),
        "tasks-0-due_date": "2026-12-31",
        "tasks-0-description": "排查辍学学生并督促返校",
        "tasks-0-ORDER": "1",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting.refresh_from_db()
    assert meeting.agenda_items.get().decision == "由市教体局牵头排查。"
    task = meeting.tasks.get()
    assert task.unit == unit and task.status == "open"
    assert meeting.revisions.count() == 1
