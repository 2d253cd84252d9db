"""Assistance to poor families (五(五) 生活保障, and the archive 贫困家庭及未成年子女帮扶档案): what
help the family received, from which department, when, and how much or what."""

from django.core.exceptions import ValidationError
from django.db import models
from django.forms import Select
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import RevisionMixin

from protection.models import Department, Family

from .common import MONEY, POSITIVE, not_in_future


class Assistance(RevisionMixin, models.Model):
    class Kind(models.TextChoices):
        LIVING_AID = "living_aid", _("living aid (生活救助)")
        FARMING = "farming", _("farming support (农业生产扶持)")
        VOCATIONAL = "vocational", _("vocational training (职业培训)")
        JOB = "job", _("job placement (就业安置)")
        SCHOOL = "school", _("school aid (助学)")
        MEDICAL = "medical", _("medical aid (医疗救助)")

    family = models.ForeignKey(
        Family,
        verbose_name=_("family"),
        on_delete=models.PROTECT,
        related_name="assistance",
        help_text=_("The family that received the help."),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, help_text=_("What kind of help.")
    )
    date = models.DateField(
        _("date"), validators=[not_in_future], help_text=_("When the help was given or began.")
    )
    provider = models.ForeignKey(
        Department,
        verbose_name=_("provider department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "The department that gave it (人社局 for training and jobs, 教体局 for school aid …)."
        ),
    )
    amount = models.DecimalField(
        _("amount (yuan)"),
        **MONEY,
        null=True,
        blank=True,
        validators=[POSITIVE],
        help_text=_("For money given; leave blank for help in kind."),
    )
    description = models.CharField(
        _("description"),
        max_length=200,
        blank=True,
        help_text=_("For help in kind: a training course, a job, seeds, a hospital stay …"),
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("Anything else staff need."))

    panels = [
        FieldPanel("family"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("date")]),
        FieldPanel("provider", widget=Select),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("description")]),
        FieldPanel("notes"),
    ]

    # Staff see the families of their jurisdiction; a department sees the help it gave.
    scope_paths = {
        "township": "family__township",
        "village": "family__village",
        "department": "provider",
    }

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("assistance")
        verbose_name_plural = _("assistance")

    def __str__(self):
        return f"{self.family} · {self.get_kind_display()} · {self.date}"

    def clean(self):
        if self.amount is None and not self.description.strip():
            raise ValidationError(
                {"description": _("Give an amount, or describe the help given in kind.")}
            )
