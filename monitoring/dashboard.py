"""The admin home panel of monitoring, within the user's jurisdiction: visits overdue and due
within 7 days, response deadlines missed, and the user's own overdue cases. Counts are indexed
queries on CaseMonitoring (township or village, next_due_on)."""

from django.urls import reverse
from wagtail.admin.ui.components import Component

from protection.scope import visible

from . import due, response
from .clock import city_today
from .models import CaseMonitoring


class VisitsDuePanel(Component):
    name = "monitoring_visits_due"
    order = 40
    template_name = "monitoring/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        today = city_today()
        rows = visible(CaseMonitoring.objects.filter(is_open=True), self.user)
        mine = due.overdue(rows.filter(assigned_worker=self.user), today) | due.due_soon(
            rows.filter(assigned_worker=self.user), today
        )
        listing = reverse("monitoring_due:list")
        return {
            "overdue_count": due.overdue(rows, today).count(),
            "soon_count": due.due_soon(rows, today).count(),
            "breach_count": response.breaches(rows).count(),
            "overdue_url": f"{listing}?due=overdue",
            "soon_url": f"{listing}?due=soon",
            "breach_url": f"{listing}?due=breach",
            "mine": [
                (row, due.due_label(row, today))
                for row in mine.select_related("case", "village").order_by("next_due_on")[:10]
            ],
        }


def construct_panels(request, panels):
    if request.user.has_perm("monitoring.view_casemonitoring"):
        panels.append(VisitsDuePanel(request.user))
