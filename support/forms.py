"""Admin forms of placements, assistance and relief. Every choice of a registry record (case,
family, placement) is narrowed to the user's jurisdiction, so that a guessed id in a POST cannot
attach a record to a child outside it."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from protection.scope import visible

from .models.common import MONEY, city_today


class ScopedChoicesForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None:
            return
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and getattr(queryset.model, "scope_paths", None):
                field.queryset = visible(queryset, self.for_user)
        # Once the case is known, offer only its own placements.
        case_id = getattr(self.instance, "case_id", None)
        if case_id and "placement" in self.fields:
            self.fields["placement"].queryset = self.fields["placement"].queryset.filter(
                case_id=case_id
            )


def _money(label, **kwargs):
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_digits=MONEY["max_digits"],
        decimal_places=MONEY["decimal_places"],
        **kwargs,
    )


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("review decision"),
        choices=[("recommend", _("recommend for approval")), ("reject", _("reject"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you checked. Required to reject."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("approval decision"),
        choices=[("approve", _("approve")), ("reject", _("reject"))],
        widget=forms.RadioSelect,
    )
    amount = _money(
        _("approved amount (yuan)"),
        required=False,
        help_text=_("At most the amount requested and what the fund has left to approve."),
    )
    comment = forms.CharField(
        label=_("comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to reject."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "approve" and cleaned.get("amount") is None:
            self.add_error("amount", _("Please give the amount approved."))
        return cleaned


class PaymentForm(forms.Form):
    paid_on = forms.DateField(
        label=_("paid on"),
        widget=AdminDateInput,
        initial=city_today,
        help_text=_("The day the money went out."),
    )
    amount = _money(_("amount (yuan)"), help_text=_("At most what is left of the approved amount."))
    voucher = forms.CharField(
        label=_("voucher number"),
        required=False,
        max_length=50,
        help_text=_("The finance voucher or transfer number."),
    )
