"""Opening a case from a public report (待核实报告 → 个案服务档案): the station staff read the
report, find the child on record by the exact ID number or register them, and open the case in
one step. The report is marked handled, case and report point at each other, both are logged."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log
from wagtail.snippets.views.snippets import InspectView

from lantian.crypto import keyed_hash

from ..identity import validate_id_number
from ..models import (
    Case,
    CaseNote,
    ClassificationTag,
    IntakeReport,
    Minor,
    TargetCategory,
    Village,
)
from ..models.registry import Sex
from ..scope import VILLAGE, can_see, get_visible_or_404, scope_for, visible

CASE_OPENED = "protection.intake.case_opened"
OPENED_FROM_REPORT = "protection.case.opened_from_report"

# Who reported decides how the case came to us; everyone else is "public report".
_SOURCES = {
    IntakeReport.ReporterKind.SCHOOL: Case.Source.SCHOOL,
    IntakeReport.ReporterKind.HOSPITAL: Case.Source.HOSPITAL,
    IntakeReport.ReporterKind.POLICE: Case.Source.POLICE,
}
_MINOR_FIELDS = ["name", "sex", "birth_date", "village"]


def may_open_case(user):
    return user.has_perm("protection.add_case") and user.has_perm("protection.change_intakereport")


class OpenCaseForm(forms.Form):
    id_number = forms.CharField(
        label=gettext_lazy("ID number"),
        required=False,
        max_length=18,
        help_text=gettext_lazy(
            "If the child is on record, their ID number links the case to that record; "
            "otherwise fill in the child below."
        ),
    )
    name = forms.CharField(label=gettext_lazy("name"), required=False, max_length=50)
    sex = forms.ChoiceField(
        label=gettext_lazy("sex"), required=False, choices=[("", "---"), *Sex.choices]
    )
    birth_date = forms.DateField(label=gettext_lazy("birth date"), required=False)
    village = forms.ModelChoiceField(
        label=gettext_lazy("village"), required=False, queryset=Village.objects.none()
    )
    categories = forms.ModelMultipleChoiceField(
        label=gettext_lazy("target categories"),
        queryset=TargetCategory.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    tags = forms.ModelMultipleChoiceField(
        label=gettext_lazy("classification tags"),
        queryset=ClassificationTag.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=gettext_lazy(
            "Tag what the report shows (domestic violence …): notification rules act on them "
            "as soon as the case is opened."
        ),
    )
    risk_level = forms.ChoiceField(
        label=gettext_lazy("risk level"),
        choices=Case.RiskLevel.choices,
        initial=Case.RiskLevel.MEDIUM,
    )
    response_level = forms.ChoiceField(
        label=gettext_lazy("response level"),
        choices=Case.ResponseLevel.choices,
        initial=Case.ResponseLevel.VILLAGE,
    )
    summary = forms.CharField(
        label=gettext_lazy("situation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("What the child is facing, as verified."),
    )

    def __init__(self, *args, report, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.report, self.user, self.minor = report, user, None
        villages = Village.objects.filter(township=report.township)
        scope = scope_for(user)
        if scope.level == VILLAGE:
            villages = villages.filter(pk__in=scope.village_ids)
        self.fields["village"].queryset = villages
        self.fields["village"].initial = report.village_id
        self.fields["summary"].initial = report.what_happened

    def clean_id_number(self):
        number = self.cleaned_data["id_number"].strip().upper()
        if number:
            validate_id_number(number)
        return number

    def clean(self):
        cleaned = super().clean()
        number = cleaned.get("id_number")
        if number and "id_number" not in self.errors:
            on_record = Minor.objects.filter(id_number_hash=keyed_hash(number)).first()
            while on_record is not None and on_record.merged_into_id:
                on_record = on_record.merged_into
            if on_record is not None:
                if not can_see(on_record, self.user):
                    self.add_error(
                        "id_number",
                        _(
                            "A minor with this ID number is on record outside your "
                            "jurisdiction: ask the city office to open the case."
                        ),
                    )
                self.minor = on_record
                return cleaned
        missing = [name for name in _MINOR_FIELDS if not cleaned.get(name)]
        for name in missing:
            if name not in self.errors:
                self.add_error(name, _("Needed to register a child not yet on record."))
        if missing or self.errors:
            return cleaned
        village = cleaned["village"]
        minor = Minor(
            name=cleaned["name"],
            sex=cleaned["sex"],
            birth_date=cleaned["birth_date"],
            id_number=number,
            township=village.township,
            village=village,
            current_address=self.report.location,
        )
        try:
            minor.full_clean(exclude=["merged_into"])
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                self.add_error(field if field in self.fields else None, errors)
        else:
            self.minor = minor
        return cleaned


def open_case_from_report(report, form, user):
    """Create the case (and the minor if new) from a checked form; mark the report handled."""
    data = form.cleaned_data
    with transaction.atomic():
        report = IntakeReport.objects.select_for_update().get(pk=report.pk)
        if report.status != IntakeReport.Status.NEW:
            raise ValidationError(_("This report has already been handled."))
        minor = form.minor
        if minor.pk is None:
            minor.save()
            log(minor, "wagtail.create", user=user)
        case = Case(
            minor=minor,
            source=_SOURCES.get(report.reporter_kind, Case.Source.PUBLIC_REPORT),
            intake_report=report,
            summary=data["summary"],
            risk_level=data["risk_level"],
            response_level=data["response_level"],
            assigned_worker=user,
        )
        # Parental many-to-many fields (modelcluster) are written by save(), not by set().
        case.categories.set(data["categories"])
        case.tags.set(data["tags"])
        case.save()
        case.save_revision(user=user, log_action=False)
        CaseNote.objects.create(
            case=case,
            author=user,
            text=_("Opened from public report %(receipt)s.") % {"receipt": report.receipt},
        )
        report.status = IntakeReport.Status.CASE_OPENED
        report.handled_by = user
        opened = _("Case %(case)s opened.") % {"case": case.reference}
        report.outcome = f"{report.outcome}\n{opened}".strip()
        report.save(update_fields=["status", "handled_by", "outcome"])
        log(case, OPENED_FROM_REPORT, user=user, data={"report": report.receipt})
        log(report, CASE_OPENED, user=user, data={"case": case.reference})
    return case


def open_case(request, pk):
    """GET: the form, filled from the report; POST: open the case and go to it."""
    if not may_open_case(request.user):
        raise PermissionDenied
    report = get_visible_or_404(
        IntakeReport.objects.select_related("township", "village"), request.user, pk=pk
    )
    if report.status != IntakeReport.Status.NEW:
        messages.error(request, _("This report has already been handled."))
        return redirect("protection_intake:inspect", report.pk)
    form = OpenCaseForm(request.POST or None, report=report, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            case = open_case_from_report(report, form, request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
            return redirect("protection_intake:inspect", report.pk)
        messages.success(
            request,
            _("Case %(case)s opened from report %(receipt)s.")
            % {"case": case.reference, "receipt": report.receipt},
        )
        return redirect("protection_cases:inspect", case.pk)
    return TemplateResponse(
        request,
        "protection/open_case.html",
        {"report": report, "form": form, "header_title": _("Open a case")},
    )


class IntakeInspectView(InspectView):
    """The report with the cases opened from it and, while it waits, the "open a case" button."""

    template_name = "protection/intake_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cases"] = visible(self.object.cases.all(), self.request.user)
        context["may_open_case"] = self.object.status == IntakeReport.Status.NEW and may_open_case(
            self.request.user
        )
        return context
