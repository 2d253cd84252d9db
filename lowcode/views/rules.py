"""Trying a rule against recent events without sending anything (dry run)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import rules
from ..models import Rule


class DryRunForm(forms.Form):
    rule = forms.ModelChoiceField(
        label=gettext_lazy("rule"),
        queryset=Rule.objects.all(),
        help_text=gettext_lazy("Switched-off rules can be tried too."),
    )
    days = forms.IntegerField(
        label=gettext_lazy("events of the last days"), min_value=1, max_value=365, initial=30
    )


def dry_run(request):
    if not request.user.has_perm("lowcode.change_rule"):
        raise PermissionDenied
    form = DryRunForm(request.GET or None)
    results = None
    if form.is_valid():
        events = rules.recent_events(days=form.cleaned_data["days"])
        results = rules.dry_run(form.cleaned_data["rule"], events)
    return TemplateResponse(
        request,
        "lowcode/dry_run.html",
        {
            "form": form,
            "results": results,
            "fired": sum(1 for _event, hit, _firing in results or [] if hit),
            "page_title": _("Try a rule (dry run)"),
        },
    )
