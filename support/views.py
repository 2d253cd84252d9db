"""The relief views beyond Wagtail's generic ones: the application's page with its steps and
payments, one page per step (review, decision, payment) that keeps what was typed when a rule
refuses it, the permission-checked document download, and the payments-due list."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.views import snippets as snippet_views

from protection.models.registry import protected_file_response
from protection.scope import can_see, get_visible_or_404, visible
from protection.views.records import LoggedEditView
from protection.views.scoped import LoggedOpeningMixin, case_from_link

from . import relief, timeline
from .forms import DecisionForm, PaymentForm, ReviewForm
from .models import Placement, ReliefApplication, ReliefDocument, ReliefFund
from .models.common import city_today

S = ReliefApplication.Status


def _application(request, pk):
    queryset = ReliefApplication.objects.select_related("case__minor", "placement", "fund")
    return get_visible_or_404(queryset, request.user, pk=pk)


def steps_for(application, user):
    """The steps this user may take on this application now, with why not when it is their own."""
    steps, note = [], ""
    if application.status == S.SUBMITTED and user.has_perm(relief.REVIEW):
        if application.applicant_id == user.pk:
            note = _("You submitted this application: another colleague must review it.")
        else:
            steps.append(("review", _("Review")))
    if application.status == S.REVIEWED and user.has_perm(relief.APPROVE):
        if user.pk in (application.applicant_id, application.reviewer_id):
            note = _("Another colleague, not the applicant or the reviewer, must approve it.")
        else:
            steps.append(("decide", _("Approve or reject")))
    paying = application.status == S.APPROVED and user.has_perm(relief.PAY)
    if paying and not application.stop_reasons(city_today()):
        steps.append(("pay", _("Record a payment")))
    return steps, note


class ReliefInspectView(LoggedOpeningMixin, snippet_views.InspectView):
    template_name = "support/relief_inspect.html"

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "-" if value is None or value == "" else value

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.object
        steps, note = steps_for(application, self.request.user)
        context.update(
            steps=steps,
            step_note=note,
            documents=application.documents.all(),
            payments=application.payments.select_related("recorded_by"),
            paid_total=application.paid_total(),
            remaining=application.remaining(),
            stop_reasons=application.stop_reasons(city_today())
            if application.status in (S.SUBMITTED, S.REVIEWED, S.APPROVED)
            else [],
        )
        return context


class CaseFromLinkMixin:
    """A create form opened from a case (`?case=<pk>`) starts with that case chosen, if the
    user may see it."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance()
        case = case_from_link(self.request)
        if case is not None:
            instance = instance or self.model()
            instance.case = case
        return instance


class PlacementCreateView(CaseFromLinkMixin, snippet_views.CreateView):
    def save_instance(self):
        instance = super().save_instance()
        timeline.placement_started(instance, self.request.user)
        return instance


class PlacementEditView(LoggedEditView):
    def save_instance(self):
        ended_before = (
            Placement.objects.filter(pk=self.object.pk).values_list("actual_end", flat=True).get()
        )
        instance = super().save_instance()
        if ended_before is None and instance.actual_end is not None:
            timeline.placement_ended(instance, self.request.user)
        return instance


class ReliefCreateView(CaseFromLinkMixin, snippet_views.CreateView):
    def get_initial_form_instance(self):
        """This year's fund is the one almost every application draws on."""
        instance = super().get_initial_form_instance() or self.model()
        instance.fund = ReliefFund.objects.filter(year=city_today().year).first()
        return instance

    def save_instance(self):
        instance = super().save_instance()
        relief.submitted(instance, self.request.user)
        return instance

    def get_success_url(self):
        return reverse("support_relief:inspect", args=[self.object.pk])


class ReliefEditView(LoggedOpeningMixin, snippet_views.EditView):
    """An application can be corrected only until it is reviewed: after that the reviewer's
    and the approver's decisions rest on what they saw."""

    def dispatch(self, request, *args, **kwargs):
        application = _application(request, kwargs["pk"])
        if application.status != S.SUBMITTED:
            messages.info(
                request, _("This application has been reviewed and can no longer be edited.")
            )
            return redirect("support_relief:inspect", application.pk)
        return super().dispatch(request, *args, **kwargs)


STEPS = {
    "review": (ReviewForm, gettext_lazy("Review the relief application")),
    "decide": (DecisionForm, gettext_lazy("Approve or reject the relief application")),
    "pay": (PaymentForm, gettext_lazy("Record a relief payment")),
}


class ReliefStepView(WagtailAdminTemplateMixin, TemplateView):
    """One step of the application (GET shows the form, POST applies it). A rule that refuses
    it shows its reason in the form, with everything typed kept."""

    template_name = "support/relief_step.html"
    header_icon = "tasks"

    def dispatch(self, request, pk, step):
        if step not in STEPS:
            raise Http404
        self.application = _application(request, pk)
        self.step = step
        permission = {"review": relief.REVIEW, "decide": relief.APPROVE, "pay": relief.PAY}[step]
        if not request.user.has_perm(permission):
            raise PermissionDenied
        form_class, self.page_title = STEPS[step]
        initial = {}
        if step == "decide":
            initial = {"decision": "approve", "amount": self.application.amount}
        elif step == "pay":
            initial = {"amount": self.application.remaining()}
        self.form = form_class(request.POST or None, initial=initial)
        return super().dispatch(request, pk=pk, step=step)

    def get_page_subtitle(self):
        return str(self.application)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("support_relief:list"),
                "label": ReliefApplication._meta.verbose_name_plural,
            },
            {
                "url": reverse("support_relief:inspect", args=[self.application.pk]),
                "label": str(self.application),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.application
        context.update(
            application=application,
            form=self.form,
            step=self.step,
            remaining=application.remaining(),
            fund_uncommitted=application.fund.uncommitted(exclude=application),
            stop_reasons=application.stop_reasons(city_today()),
        )
        return context

    def post(self, request, *args, **kwargs):
        if self.form.is_valid():
            data = self.form.cleaned_data
            try:
                self.apply(data)
            except ValidationError as error:
                for message in error.messages:
                    self.form.add_error(None, message)
            else:
                messages.success(request, _("Done: the step is on the case timeline."))
                return redirect("support_relief:inspect", self.application.pk)
        return self.render_to_response(self.get_context_data())

    def apply(self, data):
        user, application = self.request.user, self.application
        if self.step == "review":
            relief.review(application, user, data["decision"] == "recommend", data["comment"])
        elif self.step == "decide":
            relief.decide(
                application, user, data["decision"] == "approve", data["amount"], data["comment"]
            )
        else:
            relief.pay(application, user, data["paid_on"], data["amount"], data["voucher"])


def document(request, pk):
    """A supporting document, only to staff who may see the application's case; each opening is
    in the application's audit log. Sent as a download, never from a public media URL."""
    if not request.user.has_perm("support.view_reliefapplication"):
        raise Http404
    item = get_object_or_404(ReliefDocument.objects.select_related("application"), pk=pk)
    application = item.application
    if not can_see(application, request.user):
        raise Http404
    return protected_file_response(
        item.file,
        request.user,
        log_on=application,
        action="support.relief.document_opened",
        data={"document": item.pk},
    )


class PaymentsDueView(WagtailAdminTemplateMixin, TemplateView):
    """Approved applications with money left to pay and nothing that stops payment today."""

    template_name = "support/payments_due.html"
    page_title = gettext_lazy("relief payments due")
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("support.view_reliefapplication"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        applications = visible(ReliefApplication.objects.all(), self.request.user)
        context["due"] = relief.payments_due(applications)
        context["can_pay"] = self.request.user.has_perm(relief.PAY)
        return context
