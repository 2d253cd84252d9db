"""Trying a rule against recent events without sending anything (dry run), and the edit view
of rules and the lifecycle that writes what changed to the audit log."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import LogFormatter, log
from wagtail.snippets.views.snippets import EditView as SnippetEditView

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


# Every edit of a rule, a query or the lifecycle goes to Wagtail's audit log with who changed
# what: the fields' labels with their values before and after. Rules, queries and lifecycles
# hold no child's data, so the values may be written out.
EDITED = "lowcode.settings_changed"


def _shown(field, value):
    if value in (None, "", []) or (hasattr(value, "exists") and not value.exists()):
        return "-"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(field, forms.ModelMultipleChoiceField):
        keys = [getattr(item, "pk", item) for item in value]
        return "、".join(str(obj) for obj in field.queryset.filter(pk__in=keys)) or "-"
    if isinstance(field, forms.ModelChoiceField):
        obj = value if hasattr(value, "pk") else field.queryset.filter(pk=value).first()
        return str(obj) if obj is not None else "-"
    if isinstance(field, forms.ChoiceField):
        labels = {str(key): label for key, label in field.choices}
        several = value if isinstance(value, (list, tuple)) else [value]
        return "、".join(str(labels.get(str(item), item)) for item in several)
    return str(value)


def changes_of(form, fields=None):
    """{label: {"from": text, "to": text}} of the fields the user changed on a validated form
    (before it is saved: the form's initial values are the old ones)."""
    changes = {}
    for name in form.changed_data:
        if (fields is not None and name not in fields) or name not in form.fields:
            continue
        field = form.fields[name]
        before = _shown(field, form.initial.get(name, field.initial))
        after = _shown(field, form.cleaned_data.get(name))
        if before != after:
            changes[str(field.label or name)] = {"from": before, "to": after}
    return changes


def children_of(instance):
    """{label: text} of an object's inline children (a rule's conditions), as on record."""
    found = {}
    for name in getattr(type(instance), "logged_children", ()):
        related = getattr(instance, name)
        label = str(related.model._meta.verbose_name_plural)
        found[label] = "；".join(str(child) for child in related.all()) or "-"
    return found


class ChangeLoggedEditView(SnippetEditView):
    """Wagtail's edit view, whose log entry says what changed (not only that it did)."""

    def save_instance(self):
        changes = changes_of(self.form)
        before = children_of(type(self.object).objects.get(pk=self.object.pk))
        self.action_class(
            self.form.instance, user=self.request.user, form=self.form, log_action=False
        ).execute(skip_permission_checks=True)
        for label, after in children_of(self.form.instance).items():
            if before.get(label) != after:
                changes[label] = {"from": before.get(label, "-"), "to": after}
        log(
            self.form.instance,
            EDITED,
            user=self.request.user,
            data={"changes": changes},
            content_changed=bool(changes),
        )
        return self.form.instance


class ChangesFormatter(LogFormatter):
    label = gettext_lazy("Settings changed")

    def format_message(self, log_entry):
        changes = (log_entry.data or {}).get("changes") or {}
        if not changes:
            return _("Saved without changes")
        return _("Changed: %(changes)s") % {
            "changes": "；".join(
                f"{label}: {change['from']} → {change['to']}" for label, change in changes.items()
            )
        }
