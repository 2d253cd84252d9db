"""The case lifecycle screen: the states and transitions in force, and the button that copies
the default lifecycle into the tables as the administrator's starting point."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from protection import lifecycle as case_lifecycle
from protection.states import case_status_choices

from .. import lifecycle
from ..models import LifecycleState
from ..models.lifecycle import case_field_choices


def transition_form(form_class):
    """The transition form with the required fields as tick boxes of the case's fields."""

    class TransitionForm(form_class):
        required_fields = forms.MultipleChoiceField(
            label=gettext_lazy("fields required"),
            choices=case_field_choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=gettext_lazy("Fields of the case that must be filled in first."),
        )

    return TransitionForm


def overview(request):
    if not request.user.has_perm("lowcode.change_lifecyclestate"):
        raise PermissionDenied
    if request.method == "POST":
        if lifecycle.seed_defaults():
            messages.success(request, _("The default lifecycle is now editable."))
        return redirect("lowcode_lifecycle")
    return TemplateResponse(
        request,
        "lowcode/lifecycle.html",
        {
            "configured": LifecycleState.objects.exists(),
            "states": case_status_choices(),
            "transitions": list(case_lifecycle.transitions().values()),
            "page_title": _("Case lifecycle"),
        },
    )
