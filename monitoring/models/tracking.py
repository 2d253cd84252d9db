"""What the monitoring lists read: one row per case with its next due visit and its rapid-response
deadline, kept current by monitoring.due on every visit, rule and case change.

Denormalised on purpose: "overdue" at 100k cases must be an indexed range scan on next_due_on
(by township, village or worker), not a computation over every case's visits and rules per
request."""

from django.conf import settings
from django.contrib.admin import display as admin_display
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from protection.models import Case, Township, Village

from ..clock import city_today
from .rules import VisitRule


class CaseMonitoring(models.Model):
    """The monitoring state of one case (监测状态): visits due and the first response."""

    case = models.OneToOneField(
        Case,
        verbose_name=_("case"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="monitoring",
    )
    township = models.ForeignKey(
        Township, verbose_name=_("township"), on_delete=models.PROTECT, related_name="+"
    )
    village = models.ForeignKey(
        Village, verbose_name=_("village"), on_delete=models.PROTECT, related_name="+"
    )
    assigned_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned worker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_open = models.BooleanField(_("open"), default=True)
    last_visit_on = models.DateField(_("last visit"), null=True, blank=True)
    next_due_on = models.DateField(_("next visit due"), null=True, blank=True)
    due_rule = models.ForeignKey(
        VisitRule,
        verbose_name=_("due under"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported at"))
    response_deadline = models.DateTimeField(_("response deadline"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)

    # Scope goes through the case itself, never through the copied township and village: a
    # minor moved by a spreadsheet import (bulk writes send no signal) must not leave the row
    # visible to the old township until the next refresh.
    scope_paths = {level: f"case__{path}" for level, path in Case.scope_paths.items()}

    class Meta:
        ordering = ["next_due_on", "case_id"]
        verbose_name = _("visits due")
        verbose_name_plural = _("visits due")
        indexes = [
            models.Index(fields=["next_due_on", "case"], name="monitoring_due"),
            models.Index(fields=["township", "next_due_on"], name="monitoring_township_due"),
            models.Index(fields=["village", "next_due_on"], name="monitoring_village_due"),
            models.Index(fields=["assigned_worker", "next_due_on"], name="monitoring_worker_due"),
            models.Index(fields=["response_deadline"], name="monitoring_response_deadline"),
        ]

    def __str__(self):
        return self.case.reference

    @admin_display(description=_("case"), ordering="case__reference")
    def case_reference(self):
        return self.case.reference

    def days_overdue(self, today=None):
        today = today or city_today()
        if self.next_due_on is None or self.next_due_on >= today:
            return 0
        return (today - self.next_due_on).days

    @admin_display(description=_("next visit due"))
    def due_state(self):
        from ..due import due_label

        return due_label(self)

    def response_time(self):
        if self.first_response_at is None:
            return None
        return self.first_response_at - self.reported_at

    @admin_display(description=_("time to first response"))
    def response_hours(self):
        from ..response import hours_text

        took = self.response_time()
        return hours_text(took) if took is not None else "-"

    def is_breached(self, now=None):
        """Answered after the deadline, or not answered and the deadline has passed."""
        if self.response_deadline is None:
            return False
        if self.first_response_at is not None:
            return self.first_response_at > self.response_deadline
        return (now or timezone.now()) > self.response_deadline

    @admin_display(description=_("response"))
    def response_state(self):
        from ..response import response_label

        return response_label(self)


class DigestSent(models.Model):
    """That a worker got the digest of one period (a day, or an ISO week), so that a command run
    twice by cron sends it once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    period = models.CharField(max_length=20)  # "2026-11-28" or "2026-W48"
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "period"], name="one_digest_per_period")
        ]

    def __str__(self):
        return f"{self.user} {self.period}"
