"""Admin screens of programme management, all under one menu group (工作督导): quarters and their
overview, reports, joint meetings, tasks, units, indicators, assessments and the ranked table.

Every listing and object view is narrowed by programme.scope: a unit's liaison sees and opens only
its own reports and tasks, and anything else answers 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.action_menu import ActionMenuItem
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import scope, views, workflow
from .models import (
    Assessment,
    AssessmentIndicator,
    JointMeeting,
    MeetingTask,
    QuarterlyReport,
    ReportingQuarter,
    ReportingUnit,
)
from .panels import DutiesPanel


class ScopedObjectMixin:
    """Opening a record of another unit by its URL answers 404, as if it did not exist."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not scope.can_act_for(self.request.user, obj.unit):
            raise Http404
        return obj


# ---------------------------------------------------------------------------------------------
# Quarters


class QuarterCreateView(snippet_views.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        instance.opened_by = self.request.user
        instance.save(update_fields=["opened_by"])
        workflow.open_quarter(instance, self.request.user)
        return instance

    def get_success_url(self):
        return reverse("programme_quarters:overview", args=[self.object.pk])

    def get_success_message(self, instance=None):
        return _("%(quarter)s opened: every unit has a draft report.") % {"quarter": self.object}


class ReportingQuarterViewSet(SnippetViewSet):
    model = ReportingQuarter
    icon = "date"
    menu_label = gettext_lazy("reporting quarters")
    url_prefix = "programme/quarters"
    url_namespace = "programme_quarters"
    add_view_class = QuarterCreateView
    list_display = [
        TitleColumn(
            "quarter",
            label=gettext_lazy("quarter"),
            accessor=str,
            get_url=lambda q: reverse("programme_quarters:overview", args=[q.pk]),
        ),
        "deadline",
        "opened_at",
    ]
    ordering = ["-year", "-number"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/overview/", views.QuarterOverviewView.as_view(), name="overview"),
            path("<int:pk>/export/", views.quarter_export, name="export"),
            path("<int:pk>/summary/", views.quarter_summary, name="summary"),
        ]


# ---------------------------------------------------------------------------------------------
# Reports


class SubmitReportMenuItem(ActionMenuItem):
    name = "action-submit-report"
    label = gettext_lazy("Save and submit to the office")
    icon_name = "upload"

    def is_shown(self, context):
        instance = context.get("instance")
        return (
            context["view"] == "edit"
            and isinstance(instance, QuarterlyReport)
            and instance.is_editable_by_unit
        )


@hooks.register("register_snippet_action_menu_item")
def submit_report_menu_item(model):
    return SubmitReportMenuItem(order=5) if model is QuarterlyReport else None


class ReportIndexView(snippet_views.IndexView):
    def get_base_queryset(self):
        return scope.filter_by_unit(super().get_base_queryset(), self.request.user).select_related(
            "unit", "reporting_quarter"
        )


class ReportCreateView(snippet_views.CreateView):
    """Reports are created for every unit when the office opens a quarter, never one by one."""

    def dispatch(self, request, *args, **kwargs):
        messages.info(request, _("Reports are created when the office opens a quarter."))
        return redirect("programme_quarters:list")


class ReportEditView(ScopedObjectMixin, snippet_views.EditView):
    def get(self, request, *args, **kwargs):
        if not self.object.is_editable_by_unit:
            return self._closed()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if not self.object.is_editable_by_unit:
            return self._closed()
        return super().post(request, *args, **kwargs)

    def _closed(self):
        messages.info(
            self.request, _("This report is with the office and can no longer be edited.")
        )
        if scope.is_office(self.request.user):
            return redirect("programme_reports:review", self.object.pk)
        return redirect("programme_reports:inspect", self.object.pk)

    def form_valid(self, form):
        response = super().form_valid(form)
        if "action-submit-report" not in self.request.POST:
            return response
        try:
            workflow.submit(self.object, self.request.user)
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return redirect("programme_reports:edit", self.object.pk)
        except PermissionDenied:
            raise Http404 from None
        messages.success(
            self.request,
            _("Report submitted to the leading-group office."),
        )
        return redirect("programme_reports:inspect", self.object.pk)


class ReportInspectView(ScopedObjectMixin, snippet_views.InspectView):
    def get_fields(self):
        return [
            "unit",
            "reporting_quarter",
            "status",
            "submitted_at",
            "work_done",
            "problems",
            "plans",
            "review_comment",
        ]

    @property
    def header_more_buttons(self):
        buttons = []
        if self.object.is_editable_by_unit:
            buttons.append(
                HeaderButton(
                    _("Edit"),
                    url=reverse("programme_reports:edit", args=[self.object.pk]),
                    icon_name="edit",
                )
            )
        if scope.is_office(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Review"),
                    url=reverse("programme_reports:review", args=[self.object.pk]),
                    icon_name="tasks",
                )
            )
        return buttons


class ReportHistoryView(ScopedObjectMixin, snippet_views.HistoryView):
    pass


class QuarterlyReportViewSet(SnippetViewSet):
    model = QuarterlyReport
    icon = "doc-full"
    menu_label = gettext_lazy("quarterly reports")
    url_prefix = "programme/reports"
    url_namespace = "programme_reports"
    index_view_class = ReportIndexView
    add_view_class = ReportCreateView
    edit_view_class = ReportEditView
    inspect_view_class = ReportInspectView
    history_view_class = ReportHistoryView
    inspect_view_enabled = True
    list_display = ["unit", "reporting_quarter", "status", "submitted_at"]
    list_filter = ["status", "reporting_quarter"]
    ordering = ["-reporting_quarter__year", "-reporting_quarter__number", "unit__sort_order"]
    edit_handler = ObjectList([DutiesPanel(), *QuarterlyReport.panels])

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/review/", views.ReportReviewView.as_view(), name="review"),
        ]


# ---------------------------------------------------------------------------------------------
# Joint meetings and their tasks


class MeetingEditView(snippet_views.EditView):
    @property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            HeaderButton(
                _("Pull in what needs deciding"),
                url=reverse("programme_meetings:pull_in", args=[self.object.pk]),
                icon_name="download",
            ),
        ]

    def form_valid(self, form):
        response = super().form_valid(form)
        workflow.apply_decisions(self.object, self.request.user)
        return response


class JointMeetingViewSet(SnippetViewSet):
    model = JointMeeting
    icon = "group"
    menu_label = gettext_lazy("joint meetings")
    url_prefix = "programme/meetings"
    url_namespace = "programme_meetings"
    edit_view_class = MeetingEditView
    list_display = ["title", "held_at", "convener"]
    search_fields = ["title", "minutes"]
    search_backend_name = None  # icontains: the database backend does not segment Chinese
    ordering = ["-held_at"]
    inspect_view_enabled = True

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/pull-in/", views.MeetingPullInView.as_view(), name="pull_in"),
        ]


class TaskIndexView(snippet_views.IndexView):
    def get_base_queryset(self):
        return scope.filter_by_unit(super().get_base_queryset(), self.request.user).select_related(
            "unit", "meeting"
        )


class TaskInspectView(ScopedObjectMixin, snippet_views.InspectView):
    @property
    def header_more_buttons(self):
        if self.object.status != MeetingTask.Status.OPEN:
            return []
        return [
            HeaderButton(
                _("Close task"),
                url=reverse("programme_tasks:close", args=[self.object.pk]),
                icon_name="check",
            )
        ]


class TaskEditView(ScopedObjectMixin, snippet_views.EditView):
    pass


class TaskCreateView(snippet_views.CreateView):
    """Tasks come from a meeting's decisions, so they are added on the meeting."""

    def dispatch(self, request, *args, **kwargs):
        messages.info(request, _("Tasks are assigned on the joint meeting that decides them."))
        return redirect("programme_meetings:list")


def _task_url(task):
    name = (
        "programme_tasks:close"
        if task.status == MeetingTask.Status.OPEN
        else "programme_tasks:inspect"
    )
    return reverse(name, args=[task.pk])


class MeetingTaskViewSet(SnippetViewSet):
    model = MeetingTask
    icon = "tasks"
    menu_label = gettext_lazy("meeting tasks")
    url_prefix = "programme/tasks"
    url_namespace = "programme_tasks"
    index_view_class = TaskIndexView
    add_view_class = TaskCreateView
    edit_view_class = TaskEditView
    inspect_view_class = TaskInspectView
    inspect_view_enabled = True
    list_display = [
        TitleColumn("description", label=gettext_lazy("task"), get_url=_task_url),
        "unit",
        "due_date",
        "status",
        Column("meeting", label=gettext_lazy("joint meeting")),
    ]
    list_filter = ["status", "unit"]
    ordering = ["status", "due_date"]
    panels = [*MeetingTask.panels]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/close/", views.CloseTaskView.as_view(), name="close"),
        ]


# ---------------------------------------------------------------------------------------------
# Units and the annual assessment


class ReportingUnitViewSet(SnippetViewSet):
    model = ReportingUnit
    icon = "site"
    menu_label = gettext_lazy("reporting units")
    url_prefix = "programme/units"
    url_namespace = "programme_units"
    list_display = ["name", "department", "township", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["sort_order", "name"]


class AssessmentIndicatorViewSet(SnippetViewSet):
    model = AssessmentIndicator
    icon = "list-ol"
    menu_label = gettext_lazy("assessment indicators")
    url_prefix = "programme/indicators"
    url_namespace = "programme_indicators"
    list_display = ["name", "measure", "max_score", "is_active"]
    ordering = ["sort_order", "name"]


class AssessmentTotalMixin:
    """The total is the sum of the scores, kept on the record so the table sorts in the database."""

    def save_instance(self):
        instance = super().save_instance()
        instance.recompute_total()
        instance.save(update_fields=["total"])
        return instance


class AssessmentEditView(AssessmentTotalMixin, snippet_views.EditView):
    pass


class AssessmentCreateView(AssessmentTotalMixin, snippet_views.CreateView):
    pass


class AssessmentViewSet(SnippetViewSet):
    model = Assessment
    icon = "pick"
    menu_label = gettext_lazy("annual assessments")
    url_prefix = "programme/assessments"
    url_namespace = "programme_assessments"
    edit_view_class = AssessmentEditView
    add_view_class = AssessmentCreateView
    list_display = ["unit", "year", "total", "verdict"]
    list_filter = ["year", "verdict"]
    ordering = ["-year", "-total"]
    panels = [*Assessment.panels]


class OfficeMenuItem(MenuItem):
    def is_shown(self, request):
        return scope.is_office(request.user)


class AssessmentTableViewSet(ViewSet):
    """The year's ranked table and its export: a report, not a model's listing."""

    name = "programme_assessment"
    icon = "order"
    menu_label = gettext_lazy("assessment ranking")
    url_prefix = "programme/assessment"
    url_namespace = "programme_assessment"

    def get_menu_item(self, order=None):
        return OfficeMenuItem(
            self.menu_label,
            self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=order or self.menu_order,
        )

    def get_urlpatterns(self):
        return [
            path("", views.assessment_current, name="current"),
            path("<int:year>/", views.AssessmentTableView.as_view(), name="table"),
            path("<int:year>/export/", views.assessment_export, name="export"),
        ]


class ProgrammeGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("programme")
    menu_icon = "clipboard-list"
    menu_order = 230
    items = (
        ReportingQuarterViewSet,
        QuarterlyReportViewSet,
        JointMeetingViewSet,
        MeetingTaskViewSet,
        AssessmentTableViewSet,
        AssessmentViewSet,
        AssessmentIndicatorViewSet,
        ReportingUnitViewSet,
    )


@hooks.register("register_admin_viewset")
def register_programme():
    return ProgrammeGroup()


@hooks.register("register_log_actions")
def register_programme_log_actions(actions):
    for action, label, message in [
        ("programme.quarter.open", gettext_lazy("Open quarter"), gettext_lazy("Quarter opened")),
        (
            "programme.report.submit",
            gettext_lazy("Submit report"),
            gettext_lazy("Report submitted"),
        ),
        (
            "programme.report.resubmit",
            gettext_lazy("Resubmit report"),
            gettext_lazy("Report submitted again"),
        ),
        ("programme.report.accept", gettext_lazy("Accept report"), gettext_lazy("Report accepted")),
        (
            "programme.report.return",
            gettext_lazy("Return report"),
            gettext_lazy("Report returned to the unit"),
        ),
        ("programme.report.remind", gettext_lazy("Remind unit"), gettext_lazy("Unit reminded")),
        ("programme.task.done", gettext_lazy("Close task"), gettext_lazy("Task closed")),
        (
            "programme.meeting.pull_in",
            gettext_lazy("Pull in agenda"),
            gettext_lazy("Agenda items pulled in from the records"),
        ),
        (
            "programme.case.category6",
            gettext_lazy("Joint-meeting decision on category 6"),
            gettext_lazy("Joint meeting decided on target category 6"),
        ),
        (
            "programme.meeting.decision_applied",
            gettext_lazy("Apply decision"),
            gettext_lazy("Decision applied to the record"),
        ),
    ]:
        actions.register_action(action, label, message)
