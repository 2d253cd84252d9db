"""Placements (五(六)): where a minor lives when the family cannot care for them: a welfare centre
(代养), a foster family (寄养), an elder home, relatives, the protection centre, or temporary
guardianship. A minor has at most one active placement (no actual end yet): the form says so in
Chinese, and a partial unique index holds it in the database as well."""

from django.contrib.admin import display as admin_display
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, RevisionMixin

from protection.models import Case, Minor

from .common import city_today, not_in_future, through_case

ONE_ACTIVE = _(
    "This minor already has an active placement (%(place)s since %(start)s): "
    "record its actual end first."
)


class Placement(RevisionMixin, ClusterableModel):
    class Kind(models.TextChoices):
        WELFARE_CENTRE = "welfare_centre", _("welfare-centre foster care (代养)")
        FAMILY_FOSTER = "family_foster", _("family foster care (寄养)")
        ELDER_HOME = "elder_home", _("elder home (敬老院)")
        KINSHIP = "kinship", _("kinship care (亲属照护)")
        PROTECTION_CENTRE = "protection_centre", _("protection centre (未成年人救助保护中心)")
        TEMPORARY = "temporary", _("temporary guardianship (临时监护)")

    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="placements",
        help_text=_("The case the placement serves; the minor is the case's minor."),
    )
    # Taken from the case on save: the column the one-active-placement index is built on.
    minor = models.ForeignKey(
        Minor,
        verbose_name=_("minor"),
        on_delete=models.PROTECT,
        related_name="placements",
        editable=False,
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, help_text=_("Which kind of placement.")
    )
    place = models.CharField(
        _("place or foster family"),
        max_length=200,
        help_text=_("The institution, or the foster family or relatives, e.g. 示例·市儿童福利院."),
    )
    address = models.CharField(
        _("address"), max_length=200, blank=True, help_text=_("Where the minor lives now.")
    )
    start = models.DateField(_("start date"), help_text=_("The day the minor moved in."))
    planned_end = models.DateField(
        _("planned end"), null=True, blank=True, help_text=_("When the placement is meant to end.")
    )
    actual_end = models.DateField(
        _("actual end"),
        null=True,
        blank=True,
        validators=[not_in_future],
        help_text=_("Fill in when the minor has left; blank while the placement goes on."),
    )
    end_reason = models.CharField(
        _("end reason"),
        max_length=200,
        blank=True,
        help_text=_("Why it ended: back home, adopted, turned 18, another placement …"),
    )
    notes = models.TextField(_("notes"), blank=True, help_text=_("Anything else staff need."))

    panels = [
        FieldPanel("case"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("place")]),
        FieldPanel("address"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("planned_end")]),
                FieldRowPanel([FieldPanel("actual_end"), FieldPanel("end_reason")]),
            ],
            heading=_("period"),
        ),
        InlinePanel("reviews", label=_("review"), heading=_("reviews")),
        FieldPanel("notes"),
    ]

    scope_paths = through_case()

    class Meta:
        ordering = ["-start", "-pk"]
        verbose_name = _("child placement")
        verbose_name_plural = _("child placements")
        constraints = [
            models.UniqueConstraint(
                fields=["minor"],
                condition=Q(actual_end__isnull=True),
                name="support_one_active_placement",
            )
        ]

    def __str__(self):
        return f"{self.minor} · {self.get_kind_display()} · {self.place}"

    @admin_display(description=_("township"), ordering="minor__township__sort_order")
    def township(self):
        return self.minor.township

    @property
    def is_active(self):
        return self.actual_end is None

    def is_current(self, day=None):
        """Whether the minor lives here on that day (today in the city by default)."""
        day = day or city_today()
        return self.start <= day and (self.actual_end is None or self.actual_end > day)

    def clean(self):
        errors = {}
        case = getattr(self, "case", None) if self.case_id else None
        if case is not None:
            self.minor_id = case.minor_id
        if self.start and self.planned_end and self.planned_end < self.start:
            errors["planned_end"] = _("The planned end is before the start.")
        if self.start and self.actual_end and self.actual_end < self.start:
            errors["actual_end"] = _("The actual end is before the start.")
        if self.actual_end and not self.end_reason:
            errors["end_reason"] = _("Please say why the placement ended.")
        if case is not None and self.actual_end is None:
            other = (
                Placement.objects.filter(minor_id=case.minor_id, actual_end__isnull=True)
                .exclude(pk=self.pk)
                .first()
            )
            if other is not None:
                errors["case"] = ValidationError(
                    ONE_ACTIVE,
                    code="one_active",
                    params={"place": other.place, "start": other.start},
                )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        # Always the case's minor, also when an edit moves the placement to another case.
        self.minor_id = Case.objects.values_list("minor_id", flat=True).get(pk=self.case_id)
        super().save(*args, **kwargs)


class PlacementReview(Orderable):
    """A periodic review of the placement: is the child safe and well cared for there?"""

    placement = ParentalKey(Placement, on_delete=models.CASCADE, related_name="reviews")
    date = models.DateField(_("date"), validators=[not_in_future], help_text=_("When reviewed."))
    reviewer = models.CharField(
        _("reviewer"), max_length=100, help_text=_("Who reviewed, and for which unit.")
    )
    findings = models.TextField(
        _("findings"), help_text=_("How the child is doing there, and what should change.")
    )

    panels = [FieldRowPanel([FieldPanel("date"), FieldPanel("reviewer")]), FieldPanel("findings")]

    class Meta(Orderable.Meta):
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
