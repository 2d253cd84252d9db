"""The units that answer to the leading-group office (七(二) 各相关单位): each city department of
六、职责分工 and each township or street office.

A unit is its own record rather than a union of Department and Township so that reports, tasks,
meeting attendance and assessments all point at one thing, and so the office can switch a unit
off (a department merged away) without touching the organisation registry."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from protection.models import Department, Township


class ReportingUnitQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class ReportingUnit(index.Indexed, models.Model):
    """One unit that files quarterly reports, takes tasks from joint meetings and is assessed."""

    name = models.CharField(
        _("name"), max_length=60, unique=True, help_text=_("e.g. 市公安局 or 索河街道.")
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("duties from"),
        on_delete=models.PROTECT,
        related_name="reporting_units",
        help_text=_(
            "The responsible unit of 六、职责分工 whose duties this unit reports against; for a "
            "township, 各乡镇(街道)."
        ),
    )
    township = models.OneToOneField(
        Township,
        verbose_name=_("township"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reporting_unit",
        help_text=_("Set when the unit is a township or street office; empty for a department."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("liaisons"),
        blank=True,
        related_name="reporting_units",
        help_text=_(
            "Staff who file this unit's reports and close its tasks; they see this unit's "
            "reports and tasks only, and receive its reminders."
        ),
    )
    contact_email = models.EmailField(
        _("contact e-mail"),
        blank=True,
        help_text=_("Where reminders go besides the liaisons, e.g. the unit's office mailbox."),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position in overviews and tables.")
    )
    is_active = models.BooleanField(
        _("reports"),
        default=True,
        help_text=_("Untick for a unit that no longer reports; its old reports stay."),
    )

    objects = ReportingUnitQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("department"),
        FieldPanel("township"),
        FieldPanel("members"),
        FieldPanel("contact_email"),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("reporting unit")
        verbose_name_plural = _("reporting units")

    def __str__(self):
        return self.name

    def reminder_recipients(self):
        emails = [u.email for u in self.members.filter(is_active=True) if u.email]
        if self.contact_email:
            emails.append(self.contact_email)
        return sorted(set(emails))


def sync_units():
    """Create the units the organisation implies: every city department and every township.

    Idempotent; never deactivates or renames a unit the office has edited."""
    created = 0
    for department in Department.objects.filter(level=Department.Level.CITY):
        _unit, was_created = ReportingUnit.objects.get_or_create(
            name=department.name,
            defaults={"department": department, "sort_order": department.sort_order},
        )
        created += was_created
    township_duties = Department.objects.filter(level=Department.Level.TOWNSHIP).first()
    if township_duties is not None:
        for township in Township.objects.all():
            _unit, was_created = ReportingUnit.objects.get_or_create(
                township=township,
                defaults={
                    "name": township.name,
                    "department": township_duties,
                    "sort_order": 100 + township.sort_order,
                },
            )
            created += was_created
    return created
