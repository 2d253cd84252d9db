"""Admin screens that are not a model's listing or form: the office's overview of a quarter, the
review of a report, the quarter's printable summary, closing a task, pulling in the agenda, and the
year's ranked assessment table. Every one goes through programme.scope."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import figures, scope, tasks, workflow
from .exports import AssessmentResource, QuarterlyReportResource, xlsx_response
from .models import (
    AgendaItem,
    Assessment,
    AssessmentIndicator,
    AssessmentScore,
    JointMeeting,
    MeetingTask,
    QuarterlyReport,
    ReportingQuarter,
)


class OfficeOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not scope.is_office(request.user):
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class AdminPage(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "clipboard-list"
    parent_url_name = None  # the listing this page belongs under, for the breadcrumbs
    parent_label = None

    def get_breadcrumbs_items(self):
        items = list(self.breadcrumbs_items)
        if self.parent_url_name:
            items.append({"url": reverse(self.parent_url_name), "label": self.parent_label})
        items.append(
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()}
        )
        return items


def quarter_rows(reporting_quarter, now=None):
    """The overview's rows: each unit's report and where it stands."""
    now = now or timezone.now()
    rows = []
    reports = reporting_quarter.reports.select_related("unit").order_by("unit__sort_order")
    for report in reports:
        if report.is_overdue(now):
            state = "late"
        elif report.status == QuarterlyReport.Status.RETURNED:
            state = "returned"
        elif report.status in (QuarterlyReport.Status.SUBMITTED, QuarterlyReport.Status.ACCEPTED):
            state = "filed"
        else:
            state = "pending"
        rows.append({"report": report, "state": state, "filed_late": report.filed_late})
    return rows


class QuarterOverviewView(OfficeOnlyMixin, AdminPage):
    template_name = "programme/quarter_overview.html"
    page_title = gettext_lazy("Quarter overview")
    parent_url_name = "programme_quarters:list"
    parent_label = gettext_lazy("reporting quarters")

    def dispatch(self, request, *args, **kwargs):
        self.reporting_quarter = get_object_or_404(ReportingQuarter, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.reporting_quarter)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = quarter_rows(self.reporting_quarter)
        counts = {
            state: sum(1 for r in rows if r["state"] == state)
            for state in ("filed", "late", "returned", "pending")
        }
        context.update(rq=self.reporting_quarter, rows=rows, counts=counts)
        return context

    def post(self, request, *args, **kwargs):
        late = [
            r["report"].pk for r in quarter_rows(self.reporting_quarter) if r["state"] == "late"
        ]
        if late:
            tasks.remind_reports.enqueue(late, user_id=request.user.pk, kind="late")
            messages.success(
                request, _("Reminders sent to %(count)s late units.") % {"count": len(late)}
            )
        else:
            messages.info(request, _("No unit is late."))
        return redirect(request.path)


def quarter_reports_for_export(reporting_quarter):
    return (
        reporting_quarter.reports.select_related("unit", "reporting_quarter")
        .prefetch_related("figures")
        .order_by("unit__sort_order")
    )


def quarter_export(request, pk):
    if not scope.is_office(request.user):
        raise Http404
    rq = get_object_or_404(ReportingQuarter, pk=pk)
    dataset = QuarterlyReportResource().export(quarter_reports_for_export(rq))
    return xlsx_response(dataset, _("quarterly reports %(quarter)s.xlsx") % {"quarter": rq})


def quarter_summary(request, pk):
    """A plain page to print (or save as PDF) for the leading group's papers."""
    if not scope.is_office(request.user):
        raise Http404
    rq = get_object_or_404(ReportingQuarter, pk=pk)
    reports = list(quarter_reports_for_export(rq))
    return TemplateResponse(
        request,
        "programme/quarter_summary.html",
        {"rq": rq, "reports": reports, "rows": quarter_rows(rq), "printed_at": timezone.now()},
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("decision"),
        choices=[("accept", gettext_lazy("accept")), ("return", gettext_lazy("return to unit"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("comments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Required when returning: what the unit must correct."),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not data.get("comment", "").strip():
            self.add_error("comment", _("Say what the unit must correct when returning a report."))
        return data


class ReportReviewView(OfficeOnlyMixin, AdminPage):
    template_name = "programme/report_review.html"
    page_title = gettext_lazy("Review report")
    parent_url_name = "programme_reports:list"
    parent_label = gettext_lazy("quarterly reports")

    def dispatch(self, request, *args, **kwargs):
        self.report = get_object_or_404(
            QuarterlyReport.objects.select_related("unit", "reporting_quarter"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.report)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            report=self.report,
            figures=self.report.figures.all(),
            duties=self.report.unit.department.duties.all(),
            form=kwargs.get("form") or ReviewForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = ReviewForm(request.POST)
        if form.is_valid():
            accept = form.cleaned_data["decision"] == "accept"
            try:
                workflow.review(self.report, request.user, accept, form.cleaned_data["comment"])
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    (
                        _("Report of %(unit)s accepted.")
                        if accept
                        else _("Report of %(unit)s returned to the unit.")
                    )
                    % {"unit": self.report.unit},
                )
                return redirect("programme_quarters:overview", self.report.reporting_quarter_id)
        return self.render_to_response(self.get_context_data(form=form))


class CloseTaskForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("what was done"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("The unit's account of the task, for the next meeting."),
        error_messages={"required": gettext_lazy("Say what was done before closing the task.")},
    )


class CloseTaskView(AdminPage):
    template_name = "programme/task_close.html"
    page_title = gettext_lazy("Close task")
    parent_url_name = "programme_tasks:list"
    parent_label = gettext_lazy("meeting tasks")

    def get_page_subtitle(self):
        return str(self.task)

    def dispatch(self, request, *args, **kwargs):
        self.task = get_object_or_404(
            scope.filter_by_unit(
                MeetingTask.objects.select_related("unit", "meeting"), request.user
            ),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(task=self.task, form=kwargs.get("form") or CloseTaskForm())
        return context

    def post(self, request, *args, **kwargs):
        form = CloseTaskForm(request.POST)
        if form.is_valid():
            try:
                workflow.close_task(self.task, request.user, form.cleaned_data["note"])
            except (ValidationError, PermissionDenied) as error:
                messages.error(
                    request, " ".join(getattr(error, "messages", [])) or _("Not allowed.")
                )
            else:
                messages.success(request, _("Task closed."))
                return redirect("programme_tasks:list")
        return self.render_to_response(self.get_context_data(form=form))


class MeetingPullInView(OfficeOnlyMixin, AdminPage):
    """Shows what needs deciding and is not on the agenda yet; confirming adds it."""

    template_name = "programme/meeting_pull_in.html"
    page_title = gettext_lazy("Pull in what needs deciding")
    parent_url_name = "programme_meetings:list"
    parent_label = gettext_lazy("joint meetings")

    def dispatch(self, request, *args, **kwargs):
        self.meeting = get_object_or_404(JointMeeting, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return str(self.meeting)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        present = set(
            AgendaItem.objects.filter(meeting=self.meeting).values_list("source", flat=True)
        )
        candidates = [c for c in figures.agenda_candidates() if c.source not in present]
        context.update(meeting=self.meeting, candidates=candidates)
        return context

    def post(self, request, *args, **kwargs):
        picked = set(request.POST.getlist("source"))
        added = workflow.pull_in_agenda(self.meeting, request.user, only=picked)
        if added:
            messages.success(request, _("%(count)s items added to the agenda.") % {"count": added})
        else:
            messages.info(request, _("Nothing new needs deciding."))
        return redirect("programme_meetings:edit", self.meeting.pk)


def ranked_assessments(year):
    """The year's assessments, best first, with a rank (equal totals share a rank)."""
    assessments = list(
        Assessment.objects.filter(year=year)
        .select_related("unit")
        .prefetch_related(Prefetch("scores", queryset=AssessmentScore.objects.all()))
        .order_by("-total", "unit__sort_order")
    )
    previous, rank = None, 0
    for position, assessment in enumerate(assessments, start=1):
        if assessment.total != previous:
            rank, previous = position, assessment.total
        assessment.rank = rank
    return assessments


class AssessmentTableView(OfficeOnlyMixin, AdminPage):
    template_name = "programme/assessment_table.html"
    page_title = gettext_lazy("Assessment ranking")
    parent_url_name = "programme_assessments:list"
    parent_label = gettext_lazy("annual assessments")

    def get_page_subtitle(self):
        return str(self.kwargs["year"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.kwargs["year"]
        assessments = ranked_assessments(year)
        indicators = _indicators_of(assessments)
        for assessment in assessments:
            by_indicator = {s.indicator_id: s for s in assessment.scores.all()}
            assessment.cells = [by_indicator.get(i.pk) for i in indicators]
        context.update(
            year=year, assessments=assessments, indicators=indicators, years=_assessment_years(year)
        )
        return context

    def post(self, request, *args, **kwargs):
        created = workflow.open_assessment_year(self.kwargs["year"], request.user)
        messages.success(
            request,
            _("Scores measured from the records; %(count)s new score sheets.") % {"count": created},
        )
        return redirect(request.path)


def _indicators_of(assessments):
    used = {s.indicator_id for a in assessments for s in a.scores.all()}
    return list(AssessmentIndicator.objects.filter(pk__in=used))


def _assessment_years(current):
    years = set(Assessment.objects.values_list("year", flat=True).distinct())
    years |= {current, timezone.localdate().year}
    return sorted(years, reverse=True)


def assessment_export(request, year):
    if not scope.is_office(request.user):
        raise Http404
    assessments = ranked_assessments(year)
    dataset = AssessmentResource(_indicators_of(assessments)).export(assessments)
    return xlsx_response(dataset, _("annual assessment %(year)s.xlsx") % {"year": year})


def assessment_current(request):
    return redirect(reverse("programme_assessment:table", args=[timezone.localdate().year]))
