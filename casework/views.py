"""Admin views of case work beyond Wagtail's generic ones.

The referral page is the liaison's whole view of a case: the referral, its timeline, the steps
they may take and, only while the referral gives access (protection.scope's rule, read through
Referral.is_sharing), the reason and the fields it shares. The step pages of referrals and
interventions are small confirm-and-apply forms, like protection's status changes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import DateTimeField
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, InspectView

from protection.models.registry import protected_file_response
from protection.scope import DEPARTMENT, get_visible_or_404, scope_for
from protection.views.scoped import LoggedOpeningMixin, case_from_link

from . import interventions, referrals
from .forms import CloseForm, OutcomeForm, StepForm, StepTextForm
from .models import Intervention, InterventionDocument, InterventionStep, Referral
from .sharing import shared_information


class NoEditIndexView(IndexView):
    """Records of case work change only through their steps, never through a generic edit
    form; the listing links to the record's page."""

    def get_edit_url(self, instance):
        return None


class ScopedCaseCreateMixin:
    """An add form opened from a case (`?case=<pk>`) starts with that case, if the user sees it."""

    def get_initial(self):
        initial = super().get_initial()
        case = case_from_link(self.request)
        if case is not None:
            initial["case"] = case.pk
        return initial

    inspect_namespace = ""

    def get_success_url(self):
        return _inspect(self.inspect_namespace, self.object.pk)

    def get_success_buttons(self):
        return []


class ReferralCreateView(ScopedCaseCreateMixin, CreateView):
    inspect_namespace = "casework_referrals"

    def save_instance(self):
        return referrals.send(self.form.save(commit=False), self.request.user)


class InspectValuesMixin:
    """An empty field reads "-", never "None", and a moment is shown on the city's clock: the
    generic inspect page formats a stored (UTC) time as it is."""

    def get_field_display_value(self, field_name, field):
        if isinstance(field, DateTimeField):
            moment = getattr(self.object, field_name)
            return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else "-"
        value = super().get_field_display_value(field_name, field)
        return "-" if value is None or value == "" else value


class ReferralEditView(EditView):
    """A referral has no general edit form, not even for a superuser: its department, sharing
    and dates are what the department agreed to, and every change of state goes through a step
    (casework.referrals) that writes the referral's timeline and the audit log. A guessed edit
    URL, GET or POST, leads back to the referral's page and changes nothing."""

    def dispatch(self, request, *args, **kwargs):
        message = _("A referral changes only through its steps, each on its timeline.")
        messages.info(request, message)
        return redirect("casework_referrals:inspect", kwargs["pk"])


class ReferralInspectView(InspectValuesMixin, LoggedOpeningMixin, InspectView):
    template_name = "casework/referral_inspect.html"

    def get_edit_url(self):
        return None  # no "Edit" button: see ReferralEditView

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        referral, user = self.object, self.request.user
        receiving = scope_for(user).level == DEPARTMENT
        # The sending side sees the case anyway; the receiving side only while it gives access.
        sharing = referral.is_sharing() or not receiving
        if sharing and receiving:
            log(referral.case, "protection.opened", user=user)
            if Referral.Shared.ID_NUMBER in referral.shared_fields:
                log(referral.case.minor, "protection.identifiers_viewed", user=user)
        context.update(
            sharing=sharing,
            receiving=receiving,
            shared=shared_information(referral) if sharing else [],
            events=[
                (event, referrals.step_label(event.step))
                for event in referral.events.select_related("author")
            ],
            steps=referrals.available(referral, user),
            overdue=referral.is_overdue(),
        )
        return context


def referral_step(request, pk, name):
    """Confirm and take one step of a referral (GET shows the form, POST takes the step)."""
    referral = get_visible_or_404(
        Referral.objects.select_related("department"), request.user, pk=pk
    )
    step = referrals.STEPS.get(name)
    if step is None:
        raise Http404
    if not referrals.may(referral, request.user, step):
        raise PermissionDenied
    form = StepTextForm(request.POST or None, step=step)
    if request.method == "POST" and form.is_valid():
        try:
            referral = referrals.apply(referral, name, request.user, form.cleaned_data["text"])
        except ValidationError as error:
            form.add_error("text", error)
        else:
            messages.success(
                request,
                _("Referral %(ref)s is now %(status)s.")
                % {"ref": referral.reference, "status": referral.get_status_display()},
            )
            return redirect("casework_referrals:inspect", referral.pk)
    return TemplateResponse(
        request,
        "casework/step_form.html",
        {
            "form": form,
            "header_title": step.label,
            "subtitle": referral.reference,
            "submit_label": step.label,
            "cancel_url": _inspect("casework_referrals", referral.pk),
        },
    )


class InterventionCreateView(ScopedCaseCreateMixin, CreateView):
    inspect_namespace = "casework_interventions"

    def save_instance(self):
        intervention = self.form.save(commit=False)
        intervention.opened_by = self.request.user
        if intervention.family_id is None:
            intervention.family = intervention.case.minor.family
        intervention.save()
        log(intervention, "wagtail.create", user=self.request.user)
        return intervention


class InterventionInspectView(InspectValuesMixin, LoggedOpeningMixin, InspectView):
    template_name = "casework/intervention_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        intervention, user = self.object, self.request.user
        is_open = intervention.status == Intervention.Status.OPEN
        context.update(
            steps=intervention.steps.select_related("responsible_unit", "recorded_by")
            .prefetch_related("documents")
            .order_by("date", "pk"),
            can_add_step=is_open and user.has_perm("casework.add_interventionstep"),
            can_close=is_open and user.has_perm("casework.close_intervention"),
        )
        return context


def _form_page(request, form, title, subtitle, cancel_url, submit_label, note=""):
    return TemplateResponse(
        request,
        "casework/step_form.html",
        {
            "form": form,
            "header_title": title,
            "subtitle": subtitle,
            "submit_label": submit_label,
            "cancel_url": cancel_url,
            "note": note,
        },
    )


def _inspect(namespace, pk):
    return reverse(f"{namespace}:inspect", args=[pk])


def intervention_step(request, pk):
    """Record the next step of an intervention, under the ladder's rules."""
    intervention = get_visible_or_404(
        Intervention.objects.select_related("case"), request.user, pk=pk
    )
    if not request.user.has_perm("casework.add_interventionstep"):
        raise PermissionDenied
    initial = {"stage": intervention.stage or Intervention.Stage.GUIDANCE}
    form = StepForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            interventions.record_step(
                intervention,
                request.user,
                stage=data["stage"],
                date=data["date"],
                responsible_unit=data["responsible_unit"],
                action=data["action"],
                outcome=data["outcome"],
                reason=data["escalation_reason"],
                document=data["document"],
                document_title=data["document_title"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Step recorded on the case's timeline."))
            return redirect("casework_interventions:inspect", intervention.pk)
    current = intervention.get_stage_display() if intervention.stage else "-"
    return _form_page(
        request,
        form,
        _("Record a step"),
        str(intervention),
        _inspect("casework_interventions", intervention.pk),
        _("Record"),
        note=_("Current step: %(current)s") % {"current": current},
    )


def step_outcome(request, pk):
    step = get_visible_or_404(
        InterventionStep.objects.select_related("intervention"), request.user, pk=pk
    )
    if not request.user.has_perm("casework.add_interventionstep"):
        raise PermissionDenied
    form = OutcomeForm(
        request.POST or None, request.FILES or None, initial={"outcome": step.outcome}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        interventions.record_outcome(
            step, request.user, data["outcome"], data["document"], data["document_title"]
        )
        messages.success(request, _("Outcome recorded."))
        return redirect("casework_interventions:inspect", step.intervention_id)
    return _form_page(
        request,
        form,
        _("Record the outcome"),
        str(step),
        _inspect("casework_interventions", step.intervention_id),
        _("Save"),
    )


def intervention_close(request, pk):
    intervention = get_visible_or_404(Intervention, request.user, pk=pk)
    if not request.user.has_perm("casework.close_intervention"):
        raise PermissionDenied
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            interventions.close(intervention, request.user, form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Intervention closed."))
            return redirect("casework_interventions:inspect", intervention.pk)
    return _form_page(
        request,
        form,
        _("Close the intervention"),
        str(intervention),
        _inspect("casework_interventions", intervention.pk),
        _("Close the intervention"),
    )


def document(request, pk):
    """Serve an intervention document from the protected store: only to a user who may view
    interventions and sees this one; each download goes to the intervention's audit log."""
    if not request.user.has_perm("casework.view_intervention"):
        raise Http404
    item = get_visible_or_404(
        InterventionDocument.objects.select_related("step__intervention"), request.user, pk=pk
    )
    return protected_file_response(
        item.file,
        request.user,
        log_on=item.step.intervention,
        action="casework.intervention.downloaded",
    )
