"""The case-work panel of the admin home, within the user's scope: referrals waiting for my
department, my referrals overdue, and intervention steps still waiting for their outcome."""

from django.db.models import Q
from wagtail.admin.ui.components import Component

from protection.scope import DEPARTMENT, scope_for, visible

from .models import Intervention, InterventionStep, Referral

SHOWN = ":10"  # the slice each list shows; the heading counts them all


class CaseworkPanel(Component):
    name = "casework"
    order = 60
    template_name = "casework/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        user, scope = self.user, scope_for(self.user)
        context = {"waiting": None, "overdue": None, "open_steps": None}
        if user.has_perm("casework.view_referral"):
            referrals = visible(Referral.objects.select_related("department", "case"), user)
            if scope.level == DEPARTMENT:
                mine = referrals.filter(department_id=scope.department_id)
                context["waiting"] = mine.filter(status=Referral.Status.SENT).order_by("due_date")
            else:
                mine = referrals.filter(sent_by=user)
            # A liaison's overdue are those their department owes; a sender's, those they sent.
            context["overdue"] = mine.overdue().order_by("due_date")
        if user.has_perm("casework.view_intervention"):
            context["open_steps"] = (
                visible(InterventionStep.objects.all(), user)
                .filter(Q(outcome="") & Q(intervention__status=Intervention.Status.OPEN))
                .select_related("intervention__case", "responsible_unit")
                .order_by("date")
            )
        context["shown"] = SHOWN
        return context


def construct_panels(request, panels):
    if request.user.has_perm("casework.view_referral") or request.user.has_perm(
        "casework.view_intervention"
    ):
        panels.append(CaseworkPanel(request.user))
