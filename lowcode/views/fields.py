"""The administrator's screens for custom fields: a form that offers the sections of the
record's own form as places, and a delete that archives a field holding values instead."""

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.views.snippets import DeleteView

from .. import records
from ..forms import form_places


def place_choices():
    """Grouped choices: for each record type, the headed sections of its form."""
    groups = [("", _("additional information (补充信息)"))]
    for key, (_label, name, _parent) in records.RECORD_TYPES.items():
        model = records.model_for(key)
        if model is None:
            continue
        viewset = getattr(model, "snippet_viewset", None)
        handler = viewset.get_edit_handler() if viewset is not None else None
        panels = handler.children if handler is not None else getattr(model, "panels", [])
        places = [(k, f"{name} · {heading}") for k, heading in form_places(panels)]
        if places:
            groups.append((str(name), places))
    return groups


class CustomFieldForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place"] = forms.ChoiceField(
            label=self.fields["place"].label,
            help_text=self.fields["place"].help_text,
            choices=place_choices(),
            required=False,
        )


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
