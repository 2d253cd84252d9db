"""Forms of case work. The add forms narrow every choice of a case or family to the user's
jurisdiction (protection.scope), so a posted id outside it is an invalid choice, not a leak."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from protection.models import Case, Department, Family
from protection.scope import visible

from .models import Referral
from .models.interventions import DOCUMENT_EXTENSIONS, Stage

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


class ScopedCaseFormMixin:
    def narrow_to_scope(self):
        user = self.for_user
        self.fields["case"].queryset = visible(Case.objects.select_related("minor"), user)
        if "family" in self.fields:
            self.fields["family"].queryset = visible(Family.objects.all(), user)

    def clean_case(self):
        case = self.cleaned_data["case"]
        if case.status == Case.Status.CLOSED:
            raise forms.ValidationError(_("This case is closed; reopen it first."))
        return case


class ReferralForm(ScopedCaseFormMixin, WagtailAdminModelForm):
    shared_fields = forms.MultipleChoiceField(
        label=_("shared fields"),
        choices=Referral.Shared.choices,
        initial=Referral.DEFAULT_SHARED,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Only what the department needs. The ID number is never shared unless ticked here."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.narrow_to_scope()

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return due

    def clean(self):
        cleaned = super().clean()
        due, until = cleaned.get("due_date"), cleaned.get("access_until")
        if due and until and until < due:
            self.add_error(
                "access_until",
                _("Sharing must last at least until the due date, or the department cannot act."),
            )
        return cleaned


class InterventionForm(ScopedCaseFormMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.narrow_to_scope()

    def clean(self):
        cleaned = super().clean()
        case = cleaned.get("case")
        if case is not None and not cleaned.get("family"):
            cleaned["family"] = case.minor.family
        return cleaned


def clean_document(upload):
    if upload is None:
        return None
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in DOCUMENT_EXTENSIONS:
        raise forms.ValidationError(
            _("Files of this kind cannot be kept; use PDF, Word, JPEG or PNG.")
        )
    if upload.size > MAX_DOCUMENT_BYTES:
        raise forms.ValidationError(_("The file is larger than 10 MB."))
    return upload


class StepForm(forms.Form):
    stage = forms.TypedChoiceField(label=_("step"), choices=Stage.choices, coerce=int)
    date = forms.DateField(
        label=_("date"),
        initial=timezone.localdate,
        # The browser's own date field wants ISO dates whatever the language.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    responsible_unit = forms.ModelChoiceField(
        label=_("responsible unit"), queryset=Department.objects.all()
    )
    action = forms.CharField(
        label=_("what was done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Who talked to whom, what was said or decided."),
    )
    outcome = forms.CharField(
        label=_("outcome"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Leave blank while waiting for the guardians' response."),
    )
    escalation_reason = forms.CharField(
        label=_("reason for escalating"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when this step is stronger than the last one."),
    )
    document = forms.FileField(
        label=_("document"), required=False, help_text=_("PDF, Word or a photo, at most 10 MB.")
    )
    document_title = forms.CharField(label=_("document title"), required=False, max_length=100)

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."))
        return date

    def clean_document(self):
        return clean_document(self.cleaned_data.get("document"))


class OutcomeForm(forms.Form):
    outcome = forms.CharField(label=_("outcome"), widget=forms.Textarea(attrs={"rows": 2}))
    document = forms.FileField(
        label=_("document"), required=False, help_text=_("PDF, Word or a photo, at most 10 MB.")
    )
    document_title = forms.CharField(label=_("document title"), required=False, max_length=100)

    def clean_document(self):
        return clean_document(self.cleaned_data.get("document"))


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("closing note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How the guardianship stands now, and why the intervention ends."),
    )


class StepTextForm(forms.Form):
    """The one text of a referral step (a note, a reason, an outcome); its label is the step's.
    Whether it is required is checked by casework.referrals, the one place of that rule."""

    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, step, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = step.text_label
