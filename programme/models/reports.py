"""Quarterly work reports (七(二): 各相关单位每季度向领导小组办公室上报工作开展情况).

The office opens a quarter; every active unit gets a draft with the figures the system already
knows; the unit corrects what is wrong, writes its work against its duties and submits; the office
accepts it or returns it with comments, and a returned report is corrected and submitted again.
Every step is a revision and an audit-log entry (see programme/workflow.py)."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

from ..quarters import CITY_TZ, Quarter
from .units import ReportingUnit


class ReportingQuarter(models.Model):
    """A quarter the office has opened for reporting, with its deadline."""

    year = models.PositiveSmallIntegerField(
        _("year"),
        validators=[MinValueValidator(2015), MaxValueValidator(2100)],
        help_text=_("The calendar year, e.g. 2026."),
    )
    number = models.PositiveSmallIntegerField(
        _("quarter"),
        choices=[
            (1, _("first quarter")),
            (2, _("second quarter")),
            (3, _("third quarter")),
            (4, _("fourth quarter")),
        ],
        help_text=_("Quarters follow the calendar in Beijing time."),
    )
    deadline = models.DateField(
        _("deadline"),
        help_text=_(
            "The last day units may file (Beijing time); reports submitted later count as late."
        ),
    )
    remind_days_before = models.PositiveSmallIntegerField(
        _("remind days before"),
        default=3,
        help_text=_("How many days before the deadline units that have not filed are reminded."),
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("year"),
        FieldPanel("number"),
        FieldPanel("deadline"),
        FieldPanel("remind_days_before"),
    ]

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("reporting quarter")
        verbose_name_plural = _("reporting quarters")
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="programme_quarter_once")
        ]

    def __str__(self):
        return self.quarter.label()

    @property
    def quarter(self):
        return Quarter(self.year, self.number)

    @property
    def deadline_passes_at(self):
        """The first instant after the deadline day, Beijing time."""
        return dt.datetime.combine(self.deadline + dt.timedelta(days=1), dt.time.min, CITY_TZ)

    def clean(self):
        if (
            self.year
            and self.number in (1, 2, 3, 4)
            and self.deadline
            and self.deadline < Quarter(self.year, self.number).first_day
        ):
            raise ValidationError(
                {"deadline": _("The deadline cannot fall before the quarter begins.")}
            )


class QuarterlyReport(RevisionMixin, index.Indexed, ClusterableModel):
    """One unit's report for one quarter."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned")
        ACCEPTED = "accepted", _("accepted")

    reporting_quarter = models.ForeignKey(
        ReportingQuarter,
        verbose_name=_("quarter"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    unit = models.ForeignKey(
        ReportingUnit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="reports"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    work_done = models.TextField(
        _("work done"),
        blank=True,
        help_text=_("What the unit did this quarter, duty by duty (the duties are shown above)."),
    )
    problems = models.TextField(
        _("problems"), blank=True, help_text=_("Difficulties the leading group should know of.")
    )
    plans = models.TextField(
        _("plans"), blank=True, help_text=_("What the unit will do next quarter.")
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    review_comment = models.TextField(_("office's comments"), blank=True, editable=False)
    last_reminded_at = models.DateTimeField(_("last reminded"), null=True, editable=False)

    panels = [
        MultiFieldPanel(
            [FieldPanel("work_done"), FieldPanel("problems"), FieldPanel("plans")],
            heading=_("the quarter's work"),
        ),
        InlinePanel(
            "figures",
            heading=_("figures"),
            label=_("figure"),
            help_text=_(
                "Filled in from the registries; confirm each figure or correct it and say why."
            ),
        ),
        InlinePanel("attachments", heading=_("attachments"), label=_("attachment")),
    ]
    search_fields = [index.FilterField("status")]

    class Meta:
        ordering = ["-reporting_quarter__year", "-reporting_quarter__number", "unit__sort_order"]
        verbose_name = _("quarterly report")
        verbose_name_plural = _("quarterly reports")
        permissions = [("review_quarterlyreport", _("Can accept or return quarterly reports"))]
        constraints = [
            models.UniqueConstraint(
                fields=["reporting_quarter", "unit"], name="programme_one_report_per_quarter"
            )
        ]

    def __str__(self):
        return f"{self.unit} · {self.reporting_quarter}"

    @property
    def is_editable_by_unit(self):
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    @property
    def filed_late(self):
        return bool(
            self.submitted_at and self.submitted_at >= self.reporting_quarter.deadline_passes_at
        )

    def is_overdue(self, now=None):
        """Not (yet) in the office's hands although the deadline has passed."""
        now = now or timezone.now()
        return self.is_editable_by_unit and now >= self.reporting_quarter.deadline_passes_at


class ReportFigure(Orderable):
    """One figure of a report: what the registries count, and what the unit confirms."""

    report = ParentalKey(QuarterlyReport, on_delete=models.CASCADE, related_name="figures")
    key = models.CharField(_("figure"), max_length=40, editable=False)
    label = models.CharField(_("figure"), max_length=100, help_text=_("What is counted."))
    system_value = models.DecimalField(
        _("from the records"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Counted from the registries when the report was drafted; empty if unknown."),
    )
    reported_value = models.DecimalField(
        _("confirmed value"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("The figure the unit reports; change it only if the records are wrong."),
    )
    note = models.CharField(
        _("reason for correction"),
        max_length=300,
        blank=True,
        help_text=_("Required when the confirmed value differs from the records."),
    )

    panels = [
        FieldPanel("label", read_only=True),
        FieldPanel("system_value", read_only=True),
        FieldPanel("reported_value"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("figure")
        verbose_name_plural = _("figures")

    def __str__(self):
        return self.label

    @property
    def corrected(self):
        return (
            self.system_value is not None
            and self.reported_value is not None
            and self.reported_value != self.system_value
        )

    def clean(self):
        if self.corrected and not self.note.strip():
            raise ValidationError(
                {
                    "note": _("Say why this figure differs from the records (%(value)s).")
                    % {"value": self.system_value}
                }
            )


class ReportAttachment(Orderable):
    report = ParentalKey(QuarterlyReport, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A file supporting the report: a table, a summary, photos of an activity."),
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
