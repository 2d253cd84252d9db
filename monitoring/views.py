"""Views of monitoring beyond Wagtail's generic ones: the visit pages that log each opening, the
add form that starts from a case, the case's monitoring page with its visits, and the
permission-checked download of a visit's attachments."""

import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from wagtail.snippets.views.snippets import CreateView, EditView, InspectView

from protection.models.registry import protected_file_response
from protection.scope import can_see
from protection.views.scoped import LoggedOpeningMixin, case_from_link

from .clock import city_today, city_tz
from .models import HomeVisit, VisitAttachment


class VisitCreateView(CreateView):
    """ "Add a visit" from a case (?case=<id>) starts with that case and the user as visitor."""

    def get_initial(self):
        initial = super().get_initial()
        initial["visitor"] = self.request.user.pk
        initial["visited_on"] = city_today()
        case = case_from_link(self.request)
        if case is not None:
            initial["case"] = case.pk
        return initial


class VisitEditView(LoggedOpeningMixin, EditView):
    pass


class VisitInspectView(LoggedOpeningMixin, InspectView):
    template_name = "monitoring/visit_inspect.html"

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "-" if value is None or value == "" else value

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["attachments"] = self.object.attachments.all()
        return context


class MonitoringInspectView(LoggedOpeningMixin, InspectView):
    """A case's monitoring page: next visit due and under which rule, the response deadline and
    the time to first response, and the visits newest first."""

    template_name = "monitoring/case_monitoring.html"

    def get_field_display_value(self, field_name, field):
        value = getattr(self.object, field_name, None)
        if isinstance(value, datetime.datetime):
            # in the city's time, whatever time zone the admin has activated
            return timezone.localtime(value, city_tz()).strftime("%Y-%m-%d %H:%M")
        value = super().get_field_display_value(field_name, field)
        return "-" if value is None or value == "" else value

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["visits"] = HomeVisit.objects.filter(case_id=self.object.pk).order_by(
            "-visited_on", "-pk"
        )
        context["may_add_visit"] = self.request.user.has_perm("monitoring.add_homevisit")
        return context


def attachment(request, pk):
    """A visit's attachment, to users who may view visits and see the visit's case."""
    if not request.user.has_perm("monitoring.view_homevisit"):
        raise Http404
    item = get_object_or_404(VisitAttachment.objects.select_related("visit"), pk=pk)
    if not can_see(item.visit, request.user):
        raise Http404
    return protected_file_response(item.file, request.user)
