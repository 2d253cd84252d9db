"""Quarterly work reports, joint meetings and the annual assessment
(seed 四, 五(九), 七(一)(二))."""

from .assessment import Assessment, AssessmentIndicator, AssessmentScore
from .meetings import AgendaItem, JointMeeting, MeetingAttachment, MeetingTask
from .reports import QuarterlyReport, ReportAttachment, ReportFigure, ReportingQuarter
from .units import ReportingUnit, sync_units

__all__ = [
    "AgendaItem",
    "Assessment",
    "AssessmentIndicator",
    "AssessmentScore",
    "JointMeeting",
    "MeetingAttachment",
    "MeetingTask",
    "QuarterlyReport",
    "ReportAttachment",
    "ReportFigure",
    "ReportingQuarter",
    "ReportingUnit",
    "sync_units",
]
