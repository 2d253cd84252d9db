"""The rules an administrator of the city office edits, as reference data: how often an open case
must be visited (六、各乡镇(街道): 网格员随机监护, 网格长月回访) and how fast a new case must be
answered at each level of the three-level response (五(三) 快速响应机制).

Saving or deleting a rule refreshes the due dates of every open case (monitoring.due), so the
overdue lists follow the rules the day they change."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import RevisionMixin

from protection.models import Case, TargetCategory

from .visits import VisitorRole


class VisitRule(RevisionMixin, models.Model):
    """One visiting obligation: cases matching the conditions (an empty condition matches every
    case) must be visited every `interval_days`, by the given role when one is set. A case
    under several rules is due at the earliest of them."""

    name = models.CharField(
        _("name"), max_length=100, help_text=_("How staff call the rule, e.g. 网格长每月回访.")
    )
    risk_level = models.CharField(
        _("risk level"),
        max_length=10,
        choices=Case.RiskLevel.choices,
        blank=True,
        help_text=_("Only cases of this risk level; empty for any."),
    )
    response_level = models.CharField(
        _("response level"),
        max_length=10,
        choices=Case.ResponseLevel.choices,
        blank=True,
        help_text=_("Only cases at this response level; empty for any."),
    )
    category = models.ForeignKey(
        TargetCategory,
        verbose_name=_("target category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Only cases in this target category; empty for any."),
    )
    visitor_role = models.CharField(
        _("visitor's role"),
        max_length=20,
        choices=VisitorRole.choices,
        blank=True,
        help_text=_("Only visits by this role count (网格长 for the monthly revisit); empty: any."),
    )
    interval_days = models.PositiveSmallIntegerField(
        _("every (days)"),
        validators=[MinValueValidator(1)],
        help_text=_("Days from the last counted visit (or the case's opening) to the next."),
    )
    active = models.BooleanField(
        _("in force"), default=True, help_text=_("Switch off instead of deleting.")
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("risk_level"), FieldPanel("response_level")]),
        FieldPanel("category"),
        FieldRowPanel([FieldPanel("visitor_role"), FieldPanel("interval_days")]),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["interval_days", "name"]
        verbose_name = _("visit rule")
        verbose_name_plural = _("visit rules")

    def __str__(self):
        return self.name

    def applies_to(self, risk_level, response_level, category_ids):
        return (
            self.active
            and (not self.risk_level or self.risk_level == risk_level)
            and (not self.response_level or self.response_level == response_level)
            and (self.category_id is None or self.category_id in category_ids)
        )


class ResponseRule(RevisionMixin, models.Model):
    """The deadline for the first response to a new case (首次响应时限) at one response level
    and risk level: the first visit or contact must come within `hours` of the report."""

    response_level = models.CharField(
        _("response level"),
        max_length=10,
        choices=Case.ResponseLevel.choices,
        help_text=_("Village, township or city (五(三) three-level response)."),
    )
    risk_level = models.CharField(
        _("risk level"),
        max_length=10,
        choices=Case.RiskLevel.choices,
        help_text=_("The case's risk level."),
    )
    hours = models.PositiveIntegerField(
        _("deadline (hours)"),
        validators=[MinValueValidator(1)],
        help_text=_("Hours from the report to the first visit or contact."),
    )

    panels = [
        FieldRowPanel([FieldPanel("response_level"), FieldPanel("risk_level")]),
        FieldPanel("hours"),
    ]

    class Meta:
        ordering = ["response_level", "risk_level"]
        verbose_name = _("response deadline")
        verbose_name_plural = _("response deadlines")
        constraints = [
            models.UniqueConstraint(
                fields=["response_level", "risk_level"], name="one_response_rule_per_levels"
            )
        ]

    def __str__(self):
        return f"{self.get_response_level_display()} · {self.get_risk_level_display()}"

    def validate_unique(self, exclude=None):
        # The constraint's own message is in English and generic; say it in the user's words.
        duplicate = ResponseRule.objects.filter(
            response_level=self.response_level, risk_level=self.risk_level
        ).exclude(pk=self.pk)
        if duplicate.exists():
            raise ValidationError(
                _("There is already a deadline for this response level and risk level.")
            )
        super().validate_unique(exclude)
