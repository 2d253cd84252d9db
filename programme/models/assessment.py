"""The annual assessment (五(九): 纳入政府年度目标考核; 表彰奖励; 通报批评).

Indicators are records: the four the seed implies are measured from the system (their `measure`
names a function in programme/figures.py), and the office adds its own, scored by hand. A unit's
score sheet for a year holds one row per indicator; the ranked table sorts units by total."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

from .units import ReportingUnit


class AssessmentIndicator(models.Model):
    """What units are scored on, and how many points it is worth."""

    class Measure(models.TextChoices):
        MANUAL = "", _("scored by the office")
        REPORT_PUNCTUALITY = "report_punctuality", _("quarterly reports filed on time")
        REFERRAL_RESPONSE = "referral_response", _("referrals answered in time")
        VISIT_COMPLETION = "visit_completion", _("visits completed")
        TRAINING_DELIVERED = "training_delivered", _("training delivered")
        TASK_COMPLETION = "task_completion", _("meeting tasks done by their due date")

    name = models.CharField(_("indicator"), max_length=80, unique=True, help_text=_("Its name."))
    measure = models.CharField(
        _("measured from"),
        max_length=30,
        choices=Measure.choices,
        blank=True,
        help_text=_(
            "The system measures this indicator from the records as a rate between 0 and 1 and "
            "proposes that share of the points; leave empty for one the office scores by hand."
        ),
    )
    max_score = models.DecimalField(
        _("points"),
        max_digits=6,
        decimal_places=1,
        validators=[MinValueValidator(0)],
        help_text=_("The most a unit can score on it."),
    )
    description = models.TextField(
        _("how it is scored"), blank=True, help_text=_("The rule, so every unit knows it.")
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position in score sheets and the table.")
    )
    is_active = models.BooleanField(
        _("in use"), default=True, help_text=_("Untick to leave it out of new assessments.")
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("measure"), FieldPanel("max_score"), FieldPanel("sort_order")]),
        FieldPanel("description"),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("assessment indicator")
        verbose_name_plural = _("assessment indicators")

    def __str__(self):
        return self.name


class Assessment(RevisionMixin, index.Indexed, ClusterableModel):
    """One unit's assessment for one year."""

    class Verdict(models.TextChoices):
        NONE = "", _("neither")
        COMMENDED = "commended", _("commended (表彰奖励)")
        CRITICISED = "criticised", _("criticised (通报批评)")

    year = models.PositiveSmallIntegerField(_("year"), help_text=_("The year assessed."))
    unit = models.ForeignKey(
        ReportingUnit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="assessments",
    )
    verdict = models.CharField(
        _("commendation or criticism"),
        max_length=10,
        choices=Verdict.choices,
        blank=True,
        help_text=_("表彰 for outstanding results; 通报批评 for shirking, many runaways or harm."),
    )
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Why the unit is commended or criticised; required with either."),
    )
    total = models.DecimalField(
        _("total"), max_digits=7, decimal_places=1, default=Decimal(0), editable=False
    )

    panels = [
        InlinePanel("scores", heading=_("scores"), label=_("score")),
        MultiFieldPanel(
            [FieldPanel("verdict"), FieldPanel("reason")],
            heading=_("commendation and criticism"),
        ),
    ]
    search_fields = [index.FilterField("year")]

    class Meta:
        ordering = ["-year", "-total", "unit__sort_order"]
        verbose_name = _("annual assessment")
        verbose_name_plural = _("annual assessments")
        constraints = [
            models.UniqueConstraint(fields=["year", "unit"], name="programme_assessed_once")
        ]

    def __str__(self):
        return f"{self.unit} · {self.year}"

    def clean(self):
        if self.verdict and not self.reason.strip():
            raise ValidationError(
                {"reason": _("Give the reason for the commendation or criticism.")}
            )

    def recompute_total(self):
        self.total = sum((s.score or Decimal(0) for s in self.scores.all()), Decimal(0))
        return self.total


class AssessmentScore(Orderable):
    assessment = ParentalKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(
        AssessmentIndicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("What is scored."),
    )
    measured = models.DecimalField(
        _("measured rate"),
        max_digits=5,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("What the records show, 0 to 1; empty where the system cannot measure it."),
    )
    score = models.DecimalField(
        _("score"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("The points awarded; proposed from the measured rate, the office decides."),
    )
    note = models.CharField(
        _("note"), max_length=300, blank=True, help_text=_("Why this score, where not obvious.")
    )

    panels = [
        FieldRowPanel([FieldPanel("indicator"), FieldPanel("measured", read_only=True)]),
        FieldRowPanel([FieldPanel("score"), FieldPanel("note")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def clean(self):
        if self.score is not None and self.indicator_id and self.score > self.indicator.max_score:
            raise ValidationError(
                {
                    "score": _("At most %(max)s points for this indicator.")
                    % {"max": self.indicator.max_score}
                }
            )
