"""Where programme management meets the case registry: category-6 proposals decided by the joint
meeting update the case (timeline and audit log), and report figures count the cases."""

import datetime as dt
from decimal import Decimal

import pytest
from wagtail.models import ModelLogEntry

from programme import figures, workflow
from programme.models import AgendaItem, ReportingUnit
from programme.quarters import Quarter
from protection.models import CaseNote

from .factories import CaseFactory, CategoryFactory, MeetingFactory, MinorFactory, office_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def categories():
    return {n: CategoryFactory(number=n, name=f"第{n}类") for n in (1, 5, 6)}


def _proposal(categories, *numbers):
    case = CaseFactory(minor=MinorFactory(name="测试·小明"))
    case.categories.set([categories[n] for n in numbers])
    case.save()
    return case


def _decide(meeting, outcome, user):
    item = AgendaItem.objects.get(meeting=meeting, kind=AgendaItem.Kind.CATEGORY_6)
    item.outcome = outcome
    item.decision = "经研究,同意认定。" if outcome == "approved" else "经研究,不予认定。"
    item.save()
    workflow.apply_decisions(meeting, user)
    item.refresh_from_db()
    return item


def test_a_category_6_proposal_is_decided_by_the_meeting_and_written_to_the_case(categories):
    case = _proposal(categories, 6)
    meeting = MeetingFactory(title="第四季度联席会议")
    office = office_user()
    workflow.pull_in_agenda(meeting, office)
    item = AgendaItem.objects.get(meeting=meeting, kind=AgendaItem.Kind.CATEGORY_6)
    assert case.reference in item.title
    assert "小明" not in item.title + item.details  # no minor's name on the agenda

    item = _decide(meeting, "approved", office)
    case.refresh_from_db()
    assert item.applied_at is not None
    assert "第四季度联席会议" in case.joint_meeting_decision
    assert "2026-10-20" in case.joint_meeting_decision
    assert case.joint_meeting_on == dt.date(2026, 10, 20)
    assert case.joint_meeting_reference == "第四季度联席会议"
    assert case.has_joint_meeting_decision  # so the case may now start service in category 6
    note = CaseNote.objects.get(case=case)
    assert "第四季度联席会议" in note.text and note.author == office
    assert (
        ModelLogEntry.objects.for_instance(case)
        .filter(action="programme.case.category6", user=office)
        .exists()
    )
    # decided: it is not pulled onto the next meeting's agenda again
    assert workflow.pull_in_agenda(MeetingFactory(title="下次会议"), office) == 0


def test_a_proposal_not_approved_loses_category_6_but_keeps_its_others(categories):
    case = _proposal(categories, 5, 6)
    meeting = MeetingFactory()
    workflow.pull_in_agenda(meeting, None)
    _decide(meeting, "rejected", office_user())
    case.refresh_from_db()
    assert set(case.categories.values_list("number", flat=True)) == {5}
    assert "不" in case.joint_meeting_decision


def test_a_deferred_proposal_stays_open_for_the_next_meeting(categories):
    case = _proposal(categories, 6)
    meeting = MeetingFactory()
    workflow.pull_in_agenda(meeting, None)
    item = _decide(meeting, "deferred", None)
    assert item.applied_at is None
    case.refresh_from_db()
    assert case.joint_meeting_decision == ""
    assert workflow.pull_in_agenda(MeetingFactory(title="下次会议"), None) == 1


def test_cases_opened_counts_the_townships_cases_in_the_quarter():
    minor = MinorFactory()
    township = minor.township
    unit = ReportingUnit.objects.create(
        name=township.name, township=township, department=_township_duties()
    )
    q = Quarter(2026, 3)
    CaseFactory(minor=minor, opened_on=dt.date(2026, 7, 1))
    CaseFactory(minor=MinorFactory(village=minor.village), opened_on=dt.date(2026, 9, 30))
    CaseFactory(minor=MinorFactory(village=minor.village), opened_on=dt.date(2026, 6, 30))
    CaseFactory(opened_on=dt.date(2026, 8, 1))  # another township
    assert figures.cases_opened(unit, q) == Decimal(2)


def _township_duties():
    from protection.models import Department

    return Department.objects.get_or_create(name="各乡镇(街道)", defaults={"level": "township"})[0]
