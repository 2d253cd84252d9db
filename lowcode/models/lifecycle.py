"""The case lifecycle as data: states and transitions an administrator edits, starting from the
defaults of protection.lifecycle. Cases store a state's key, so renaming a state (its labels)
changes nothing on record; a state with cases on record cannot be deleted."""

from django import forms
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel


def case_field_choices():
    """Fields of a case a transition may require to be filled in first: those the form may
    leave empty (a required field is always filled in already)."""
    from protection.models import Case

    return [
        (field.name, field.verbose_name)
        for field in Case._meta.get_fields()
        if getattr(field, "editable", False) and getattr(field, "blank", False) and field.concrete
    ]


class Labelled(models.Model):
    label_zh = models.CharField(_("label (Chinese)"), max_length=60, help_text=_("e.g. 已核实."))
    label_en = models.CharField(
        _("label (English)"), max_length=60, blank=True, help_text=_("e.g. verified.")
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return self.label

    @property
    def label(self):
        if translation.get_language() and translation.get_language().startswith("en"):
            return self.label_en or self.label_zh
        return self.label_zh


class LifecycleState(Labelled):
    key = models.SlugField(
        _("key"),
        max_length=40,
        unique=True,
        help_text=_("Stored on each case; cannot change once cases are in this state."),
    )
    is_closed = models.BooleanField(
        _("closes the case"),
        default=False,
        help_text=_("The comment given on the way in is kept as the closing reason."),
    )

    panels = [
        FieldRowPanel([FieldPanel("key"), FieldPanel("sort_order")]),
        FieldRowPanel([FieldPanel("label_zh"), FieldPanel("label_en")]),
        FieldPanel("is_closed"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("case state")
        verbose_name_plural = _("case states")

    def clean(self):
        if self.pk:
            before = LifecycleState.objects.get(pk=self.pk)
            if before.key != self.key and cases_in(before.key):
                raise ValidationError(
                    {"key": _("Cases are in this state: change its labels, not its key.")}
                )


def cases_in(key):
    from protection.models import Case

    return Case.objects.filter(status=key).exists()


def case_permissions():
    return models.Q(content_type__app_label="protection", content_type__model="case")


class TransitionForm(WagtailAdminModelForm):
    """A transition's form, on which the administrator may also name a permission that does
    not exist yet ("may close category-6 cases"): it is created on the case model on saving,
    so that Wagtail's group editor offers it like the built-in ones."""

    new_permission = forms.CharField(
        label=_("or a new permission"),
        max_length=255,
        required=False,
        help_text=_(
            "Name a permission to create for this transition, e.g. 可结案第六类个案; then give "
            "it to groups under Settings → Groups."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "permission" in self.fields:
            self.fields["permission"].required = False

    def clean(self):
        cleaned = super().clean()
        chosen, named = cleaned.get("permission"), (cleaned.get("new_permission") or "").strip()
        if chosen and named:
            self.add_error("new_permission", _("Choose a permission or name a new one, not both."))
        elif not chosen and not named and "permission" in self.fields:
            self.add_error("permission", _("Choose a permission or name a new one."))
        return cleaned

    def save(self, commit=True):
        named = (self.cleaned_data.get("new_permission") or "").strip()
        if named:
            from ..lifecycle import case_permission

            self.instance.permission = case_permission(named, self.cleaned_data.get("name", ""))
        return super().save(commit=commit)


class LifecycleTransition(Labelled):
    name = models.SlugField(
        _("name"), max_length=40, unique=True, help_text=_("e.g. verify; used in addresses.")
    )
    sources = models.ManyToManyField(
        LifecycleState,
        verbose_name=_("from"),
        related_name="+",
        help_text=_("The states a case can leave this way."),
    )
    target = models.ForeignKey(
        LifecycleState,
        verbose_name=_("to"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The state it leads to."),
    )
    permission = models.ForeignKey(
        Permission,
        verbose_name=_("permission"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=case_permissions,
        help_text=_("Who may make this change: the groups holding this permission."),
    )
    comment_required = models.BooleanField(
        _("comment required"), default=False, help_text=_("The user must say why.")
    )
    required_fields = models.JSONField(
        _("fields required"),
        default=list,
        blank=True,
        help_text=_("Fields of the case that must be filled in first."),
    )
    enabled = models.BooleanField(_("in use"), default=True)

    base_form_class = TransitionForm

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("sort_order")]),
        FieldRowPanel([FieldPanel("label_zh"), FieldPanel("label_en")]),
        FieldPanel("sources"),
        FieldPanel("target"),
        FieldPanel("permission"),
        FieldPanel("new_permission"),
        FieldRowPanel([FieldPanel("comment_required"), FieldPanel("enabled")]),
        FieldPanel("required_fields"),
    ]

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("case transition")
        verbose_name_plural = _("case transitions")
