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


def permission_names():
    """{"protection.close_case": its name}: the lifecycle shows who may make each change as
    the group editor names it, the administrator's own permissions included."""
    from django.contrib.auth.models import Permission

    return {
        f"{app_label}.{codename}": name
        for app_label, codename, name in Permission.objects.filter(
            content_type__app_label="protection", content_type__model="case"
        ).values_list("content_type__app_label", "codename", "name")
    }


def overview(request):
    if not request.user.has_perm("lowcode.change_lifecyclestate"):
        raise PermissionDenied
    if request.method == "POST":
        if lifecycle.seed_defaults(request.user):
            messages.success(request, _("The default lifecycle is now editable."))
        return redirect("lowcode_lifecycle")
    names = permission_names()
    return TemplateResponse(
        request,
        "lowcode/lifecycle.html",
        {
            "configured": LifecycleState.objects.exists(),
            "states": case_status_choices(),
            "transitions": [
                (step, names.get(step.permission, step.permission))
                for step in case_lifecycle.transitions().values()
            ],
            "page_title": _("Case lifecycle"),
        },
    )
