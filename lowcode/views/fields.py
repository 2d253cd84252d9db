"""The administrator's screens for custom fields: a form that offers the sections and tabs of
the record's own form as places (or a new tab they name), the kinds of record a field may be
limited to, and a delete that archives a field holding values instead."""

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.views.snippets import DeleteView

from .. import records
from ..forms import form_places
from ..models import CustomField
from ..models.fields import TAB


def place_choices():
    """Grouped choices: a new tab; for each record type, the headed sections and tabs of its
    form and the tabs of their own its fields already have."""
    groups = [("", _("additional information (补充信息)")), (TAB, _("a new tab (name it below)"))]
    named = {}
    for key, place in CustomField.objects.filter(place__startswith=TAB).values_list(
        "record_type", "place"
    ):
        named.setdefault(key, set()).add(place)
    for key, (_label, name, _parent) in records.RECORD_TYPES.items():
        model = records.model_for(key)
        if model is None:
            continue
        viewset = getattr(model, "snippet_viewset", None)
        handler = viewset.get_edit_handler() if viewset is not None else None
        panels = handler.children if handler is not None else getattr(model, "panels", [])
        places = [(k, f"{name} · {heading}") for k, heading in form_places(panels)]
        places += [
            (place, f"{name} · {_('tab')} {place[len(TAB) :]}")
            for place in sorted(named.get(key, ()))
        ]
        if places:
            groups.append((str(name), places))
    return groups


def kind_choices():
    """Grouped choices: for each record type classified by kind, its kinds."""
    groups = []
    for key, (what, *_rest) in records.KIND_SOURCES.items():
        if key in records.BY_CATEGORY:
            continue
        choices = records.kind_choices(key)
        if choices:
            groups.append((f"{records.label_for(key)} · {what}", choices))
    return groups


class CustomFieldForm(WagtailAdminModelForm):
    new_tab = forms.CharField(
        label=gettext_lazy("name of the new tab"),
        help_text=gettext_lazy("With “a new tab”: the tab's name on the form, e.g. 随访信息."),
        max_length=40,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"] = forms.ChoiceField(
            label=self.fields["place"].label,
            help_text=self.fields["place"].help_text,
            choices=place_choices(),
            required=False,
        )
        self.fields["kinds"] = forms.MultipleChoiceField(
            label=self.fields["kinds"].label,
            help_text=self.fields["kinds"].help_text,
            choices=kind_choices(),
            required=False,
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("place") == TAB:
            name = (cleaned.get("new_tab") or "").strip()
            if name:
                cleaned["place"] = TAB + name
                self.instance.place = cleaned["place"]
            else:
                self.add_error("new_tab", _("Give the new tab a name."))
        return cleaned


class ArchivingDeleteView(DeleteView):
    """A field with values on record is archived, not deleted: every value stays."""

    def form_valid(self, form):
        if self.object.has_values():
            self.object.archived = True
            self.object.save(update_fields=["archived"])
            messages.warning(
                self.request,
                _("'%(field)s' holds values, so it was archived instead: they all stay on record.")
                % {"field": self.object},
            )
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
