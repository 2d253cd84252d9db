"""Finding a minor by an exact ID number (the minor's own or a guardian's), within scope.

ID numbers are stored encrypted, so the typed number is checked and then looked up through the
keyed hash kept beside each (lantian.crypto). The search is a POST form, not a listing filter:
a listing filter would put the number into the address, and so into browser history and the
web server's access log. Only an exact, valid number finds anything: there is no prefix search
that would let someone walk the registry."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import IndexView

from lantian.crypto import keyed_hash, normalise

from ..identity import validate_id_number
from ..models import Minor
from ..scope import visible

MINOR, GUARDIAN = "minor", "guardian"


class FindForm(forms.Form):
    id_number = forms.CharField(
        label=gettext_lazy("ID number"),
        max_length=24,
        validators=[validate_id_number],
        help_text=gettext_lazy("All 18 characters; spaces and a lower-case x are fine."),
    )
    whose = forms.ChoiceField(
        label=gettext_lazy("whose number"),
        choices=[(MINOR, gettext_lazy("the minor's")), (GUARDIAN, gettext_lazy("a guardian's"))],
        initial=MINOR,
        widget=forms.RadioSelect,
    )


def minors_with_id_number(number, whose, user):
    """The current minors in the user's scope with this ID number, or with a guardian who has
    it. A number on a record merged into another finds the record kept."""
    hashed = keyed_hash(normalise(number))
    if whose == GUARDIAN:
        match = Q(guardians__id_number_hash=hashed)
    else:
        match = Q(id_number_hash=hashed) | Q(merged_records__id_number_hash=hashed)
    found = Minor.objects.filter(match).values("pk")
    minors = Minor.objects.current().filter(pk__in=found).select_related("township", "village")
    return visible(minors, user)


def find_by_id_number(request):
    if not request.user.has_perm("protection.view_minor"):
        raise PermissionDenied
    form = FindForm(request.POST or None)
    results = None
    if request.method == "POST" and form.is_valid():
        results = list(
            minors_with_id_number(
                form.cleaned_data["id_number"], form.cleaned_data["whose"], request.user
            )
        )
        if len(results) == 1 and form.cleaned_data["whose"] == MINOR:
            return redirect("protection_minors:inspect", results[0].pk)
    return TemplateResponse(
        request,
        "protection/find.html",
        {"form": form, "results": results, "header_title": _("Find by ID number")},
    )


class MinorIndexView(IndexView):
    """The minor listing, with a button to the exact ID-number search beside "add"."""

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Find by ID number"), url=reverse("protection_minors_find"), icon_name="search"
            ),
        ]
