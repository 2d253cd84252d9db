"""The programme's demo data loads on the seed's organisation and a second run changes nothing."""

import io

import pytest
from django.contrib.auth.models import Group

from programme import demo
from programme.models import (
    AgendaItem,
    AssessmentIndicator,
    JointMeeting,
    MeetingTask,
    QuarterlyReport,
    ReportingQuarter,
    ReportingUnit,
)

MODELS = [
    ReportingUnit,
    ReportingQuarter,
    QuarterlyReport,
    JointMeeting,
    AgendaItem,
    MeetingTask,
    AssessmentIndicator,
]


@pytest.mark.django_db
def test_demo_loads_once_and_again_changes_nothing(organisation):
    demo.load(io.StringIO())
    counts = {m: m.objects.count() for m in MODELS}
    assert counts[ReportingUnit] == 28  # 13 city departments and 15 townships of the seed
    assert counts[QuarterlyReport] == 28
    assert QuarterlyReport.objects.filter(status="accepted").count() == 3
    assert Group.objects.get(name=demo.OFFICE_GROUP).permissions.filter(
        codename="review_quarterlyreport"
    )
    demo.load(io.StringIO())
    assert {m: m.objects.count() for m in MODELS} == counts
