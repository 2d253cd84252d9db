"""Demo data of programme management: the reporting units the organisation implies, the seed's
assessment indicators, the two staff groups (the office and the units' liaisons), last quarter
opened with a few reports filed, and one joint meeting with a task. Idempotent: everything is
matched by name or by (year, quarter)."""

import datetime as dt

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils import timezone

from .models import (
    AgendaItem,
    AssessmentIndicator,
    JointMeeting,
    MeetingTask,
    QuarterlyReport,
    ReportingQuarter,
    ReportingUnit,
    sync_units,
)
from .quarters import Quarter

OFFICE_GROUP = "领导小组办公室"
LIAISON_GROUP = "单位联络员"

INDICATORS = [
    (
        "季度报告按时报送",
        "report_punctuality",
        20,
        "每季度按时报送工作情况得满分,逾期或未报按比例扣分。",
    ),
    ("转介按时回复", "referral_response", 20, "按时回复转介的比例乘以分值。"),
    ("走访完成率", "visit_completion", 20, "按期完成的家庭走访比例乘以分值。"),
    ("培训开展", "training_delivered", 15, "全年每季度至少开展一次培训。"),
    ("联席会议任务办结", "task_completion", 15, "联席会议交办任务按期办结的比例乘以分值。"),
    ("宣传与社会参与", "", 10, "由领导小组办公室根据宣传报道和社会力量参与情况评分。"),
]


def _groups():
    access = Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    programme = Permission.objects.filter(content_type__app_label="programme")
    office, _ = Group.objects.get_or_create(name=OFFICE_GROUP)
    office.permissions.add(access, *programme)
    liaison, _ = Group.objects.get_or_create(name=LIAISON_GROUP)
    liaison.permissions.add(
        access,
        *programme.filter(
            Q(codename__in=["view_quarterlyreport", "change_quarterlyreport", "view_meetingtask"])
        ),
    )
    # Liaisons attach documents to their reports.
    liaison.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtaildocs", codename__in=["add_document", "choose_document"]
        )
    )


def load(stdout):
    sync_units()
    for order, (name, measure, points, rule) in enumerate(INDICATORS):
        AssessmentIndicator.objects.get_or_create(
            name=name,
            defaults={
                "measure": measure,
                "max_score": points,
                "description": rule,
                "sort_order": order,
            },
        )
    _groups()

    last = Quarter.of(timezone.now()).previous()
    rq = ReportingQuarter.objects.filter(year=last.year, number=last.number).first()
    if rq is None:
        from .workflow import open_quarter

        rq = ReportingQuarter.objects.create(
            year=last.year, number=last.number, deadline=last.last_day + dt.timedelta(days=10)
        )
        open_quarter(rq, user=None)
        filed = rq.reports.filter(unit__name__in=["市公安局", "市教体局", "索河街道"])
        for report in filed:
            report.work_done = "按照职责分工开展困境未成年人社会保护工作,详见附表。"
            report.status = QuarterlyReport.Status.ACCEPTED
            report.submitted_at = rq.deadline_passes_at - dt.timedelta(days=2)
            report.save()

    if not JointMeeting.objects.exists():
        meeting = JointMeeting.objects.create(
            title=f"{last.year}年第{last.number}季度困境未成年人社会保护联席会议",
            held_at=rq.deadline_passes_at + dt.timedelta(days=5, hours=9),
            location="市民政局三楼会议室",
            convener="市民政局",
            attendees="田军 市民政局局长\n郑峰 市公安局副局长\n于颖 市妇联副主席",
            minutes="会议听取了各单位季度工作情况汇报,研究了逾期未报单位的督办事项。",
        )
        meeting.attending_units.set(
            ReportingUnit.objects.filter(name__in=["市民政局", "市公安局", "市妇联"])
        )
        AgendaItem.objects.create(
            meeting=meeting,
            title="各单位季度工作情况汇报",
            outcome="noted",
            decision="会议听取汇报。",
            sort_order=0,
        )
        unit = ReportingUnit.objects.filter(name="市妇联").first()
        if unit:
            MeetingTask.objects.create(
                meeting=meeting,
                unit=unit,
                agenda_item_title="各单位季度工作情况汇报",
                description="指导各村(居)委会建设“儿童之家”,下次会议前报送进展。",
                due_date=timezone.localdate() + dt.timedelta(days=30),
            )
    stdout.write(
        f"Programme: {ReportingUnit.objects.count()} reporting units, "
        f"{QuarterlyReport.objects.count()} quarterly reports, "
        f"{JointMeeting.objects.count()} joint meetings."
    )
