"""Admin forms of the registries. Identifiers are never put back into an edit form: the field
starts empty with the masked value as placeholder, and an empty field keeps the number on
record. The full value shows only on the logged identifiers page."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from lantian.crypto import mask

_KEPT = {"id_number": {}, "phone": {"head": 3, "tail": 4}}


def _blank_identifiers(form):
    for name, mask_args in _KEPT.items():
        field = form.fields.get(name)
        current = getattr(form.instance, name, "") if form.instance.pk else ""
        if field is not None and current:
            form.initial[name] = ""
            field.widget.attrs["placeholder"] = mask(current, **mask_args)


def _kept_values(form):
    """{field: value on record} for identifier fields the user left empty."""
    if not form.instance.pk or not hasattr(form, "cleaned_data"):
        return {}
    blank = [n for n in _KEPT if n in form.fields and not form.cleaned_data.get(n)]
    if not blank:
        return {}
    original = type(form.instance)._default_manager.filter(pk=form.instance.pk).first()
    return {n: getattr(original, n) for n in blank} if original else {}


class MinorForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _blank_identifiers(self)
        for child in self.formsets.get("guardians", []).forms:
            _blank_identifiers(child)

    def clean(self):
        cleaned = super().clean()
        # Put the kept number back before the model's clean() checks it against the birth date.
        cleaned.update(_kept_values(self))
        self._check_joint_meeting_decision(cleaned.get("categories") or [])
        return cleaned

    def _check_joint_meeting_decision(self, categories):
        """A minor is put in a category that needs the joint meeting (三(六)) only once a case
        of theirs has the decision on record; until then the proposal lives on the case."""
        before = (
            set(self.instance.categories.values_list("pk", flat=True))
            if self.instance.pk
            else set()
        )
        added = [c for c in categories if c.needs_joint_meeting_decision and c.pk not in before]
        if not added:
            return
        decided = self.instance.pk and any(
            case.has_joint_meeting_decision for case in self.instance.cases.all()
        )
        if not decided:
            self.add_error(
                "categories",
                _(
                    "%(categories)s needs the joint meeting's decision (经联席会议研究确定): "
                    "propose it on a case of this minor, and record the decision there first."
                )
                % {"categories": "、".join(str(c) for c in added)},
            )

    def save(self, commit=True):
        for child in self.formsets.get("guardians", []).forms:
            for name, value in _kept_values(child).items():
                setattr(child.instance, name, value)
        return super().save(commit=commit)


class CaseForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        case = self.instance
        for name in ("joint_meeting_on", "joint_meeting_reference"):
            if name in cleaned:
                setattr(case, name, cleaned[name] or ("" if name.endswith("reference") else None))
        try:
            case.check_joint_meeting_decision(categories=cleaned.get("categories") or [])
        except ValidationError as error:
            self.add_error("joint_meeting_reference", error)
        return cleaned
