"""The admin home panel of the relief fund: applications waiting for my review or my approval
(never my own: the two-person rule), the payments due, and for the city office the balance of
this year's fund."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from protection.scope import visible

from . import relief
from .models import ReliefApplication, ReliefFund
from .models.common import city_today

S = ReliefApplication.Status


class ReliefPanel(Component):
    name = "support_relief"
    order = 60
    template_name = "support/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        user = self.user
        applications = visible(ReliefApplication.objects.select_related("case"), user)
        to_review, to_approve = [], []
        if user.has_perm(relief.REVIEW):
            to_review = list(applications.filter(status=S.SUBMITTED).exclude(applicant=user)[:10])
        if user.has_perm(relief.APPROVE):
            to_approve = list(
                applications.filter(status=S.REVIEWED)
                .exclude(applicant=user)
                .exclude(reviewer=user)[:10]
            )
        year = city_today().year
        fund, fund_rows = None, None
        if user.has_perm("support.view_relieffund"):
            fund = ReliefFund.objects.filter(year=year).first()
            fund_rows = []
            if fund is not None:
                paid = fund.paid()
                fund_rows = [
                    (_("budget"), fund.budget),
                    (_("approved so far"), fund.committed()),
                    (_("paid"), paid),
                    (_("balance"), fund.budget - paid),
                ]
        return {
            "to_review": to_review,
            "to_approve": to_approve,
            "due_count": len(relief.payments_due(applications)),
            "year": year,
            "fund": fund,
            "fund_rows": fund_rows,
        }


def construct_panels(request, panels):
    if request.user.has_perm("support.view_reliefapplication"):
        panels.append(ReliefPanel(request.user))
