"""The relief fund (五(十二) 救助基金): a yearly budget from which seriously ill, disabled or
otherwise struggling minors receive money.

An application names the minor's case (and the placement it rests on, if any), the reason, the
amount and its documents. It is reviewed by one user and approved by another; payments are made
against the approved amount. The steps live in support.relief, which checks the two-person rule
and writes the audit log and the case timeline; the models hold the data and the rules about
dates and money that every form must obey."""

from decimal import Decimal

from django.conf import settings
from django.contrib.admin import display as admin_display
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Sum, Value
from django.db.models.functions import Coalesce
from django.forms import Select
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.models import Orderable, RevisionMixin

from protection.models import Case, Minor
from protection.models.registry import protected_storage

from .common import (
    MONEY,
    POSITIVE,
    city_today,
    eighteenth_birthday,
    not_in_future,
    through_case,
)
from .placements import Placement

ZERO = Decimal("0.00")
DOCUMENT_TYPES = ["pdf", "jpg", "jpeg", "png", "doc", "docx", "xls", "xlsx"]
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


def _total(field):
    """A sum of money, zero when there is nothing to add up."""
    return Coalesce(Sum(field), Value(ZERO), output_field=models.DecimalField(**MONEY))


def _sum(queryset, field="amount"):
    """A sum of money as Decimal with two places on every database (SQLite would say 3000)."""
    return queryset.aggregate(total=_total(field))["total"].quantize(ZERO)


def stop_reasons(case, placement, day):
    """Why no money may go to this case's minor on that day (an empty list: none). The one rule
    for new applications, approvals, payments and the payments-due list: the minor has turned
    18 (on the birthday, city time), the case is closed, or the placement has ended."""
    reasons = []
    minor = case.minor
    if eighteenth_birthday(minor.birth_date) <= day:
        reasons.append(
            _("%(minor)s turned 18 on %(day)s.")
            % {"minor": minor.name, "day": eighteenth_birthday(minor.birth_date)}
        )
    if case.status == Case.Status.CLOSED:
        reasons.append(_("Case %(case)s is closed.") % {"case": case.reference})
    if placement is not None and placement.actual_end is not None and placement.actual_end <= day:
        reasons.append(
            _("The placement at %(place)s ended on %(day)s.")
            % {"place": placement.place, "day": placement.actual_end}
        )
    return reasons


class ReliefFund(models.Model):
    """The year's fund: its budget, and what is committed and paid from it."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, help_text=_("The budget year, e.g. 2026.")
    )
    budget = models.DecimalField(
        _("budget (yuan)"), **MONEY, validators=[POSITIVE], help_text=_("The year's budget.")
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Source of the money, the finance bureau's approval …")
    )

    panels = [FieldRowPanel([FieldPanel("year"), FieldPanel("budget")]), FieldPanel("notes")]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("relief fund")
        verbose_name_plural = _("relief funds")

    def __str__(self):
        return _("relief fund %(year)s") % {"year": self.year}

    def paid(self):
        return _sum(ReliefPayment.objects.filter(application__fund=self))

    def committed(self, exclude=None):
        """Approved amounts, paid or not: money that may no longer be promised to anyone else."""
        approved = ReliefApplication.objects.filter(
            fund=self, status__in=ReliefApplication.COMMITTED
        )
        if exclude is not None:
            approved = approved.exclude(pk=exclude.pk)
        return _sum(approved, "approved_amount")

    def balance(self):
        """Budget − paid: the money still in the fund."""
        return self.budget - self.paid()

    def reserved(self, exclude=None):
        """What still binds the budget: every payment made, and the unpaid rest of approved
        applications that may still be paid. An approval whose payments have stopped (the child
        turned 18, the case closed, the placement ended: stop_reasons) no longer holds back
        money it can never pay, so the rest is free for other children."""
        today = city_today()
        paid = ReliefPayment.objects.filter(application__fund=self)
        approved = (
            ReliefApplication.objects.filter(fund=self, status=ReliefApplication.Status.APPROVED)
            .select_related("case__minor", "placement")
            .annotate(
                paid_sum=Coalesce(
                    Sum("payments__amount"), Value(ZERO), output_field=models.DecimalField(**MONEY)
                )
            )
        )
        if exclude is not None:
            paid = paid.exclude(application=exclude)
            approved = approved.exclude(pk=exclude.pk)
        still_due = sum(
            (a.approved_amount - a.paid_sum for a in approved if not a.stop_reasons(today)),
            ZERO,
        )
        return (_sum(paid) + still_due).quantize(ZERO)

    def uncommitted(self, exclude=None):
        """What may still be approved: the budget less what is reserved."""
        return self.budget - self.reserved(exclude)

    @admin_display(description=_("approved (yuan)"))
    def approved_total(self):
        return self.committed()

    @admin_display(description=_("paid (yuan)"))
    def paid_total(self):
        return self.paid()

    @admin_display(description=_("balance (yuan)"))
    def balance_total(self):
        return self.balance()

    def clean(self):
        if self.pk and self.budget is not None:
            reserved = self.reserved()
            if self.budget < reserved:
                raise ValidationError(
                    {
                        "budget": _(
                            "The budget cannot be less than the %(amount)s yuan paid or still "
                            "to be paid."
                        )
                        % {"amount": reserved}
                    }
                )


class ReliefApplication(RevisionMixin, ClusterableModel):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("waiting for review")
        REVIEWED = "reviewed", _("reviewed, waiting for approval")
        APPROVED = "approved", _("approved, to be paid")
        PAID = "paid", _("paid in full")
        REJECTED = "rejected", _("rejected")

    COMMITTED = (Status.APPROVED, Status.PAID)

    fund = models.ForeignKey(
        ReliefFund,
        verbose_name=_("fund"),
        on_delete=models.PROTECT,
        related_name="applications",
        help_text=_("The year's fund the money comes from."),
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="relief_applications",
        help_text=_("The case of the minor the money is for."),
    )
    minor = models.ForeignKey(
        Minor, verbose_name=_("minor"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    placement = models.ForeignKey(
        Placement,
        verbose_name=_("child placement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="relief_applications",
        help_text=_("If the money is for a placement, which one: payments stop when it ends."),
    )
    reason = models.TextField(
        _("reason"), help_text=_("Why the child needs the money: illness, disability, hardship …")
    )
    amount = models.DecimalField(
        _("amount requested (yuan)"), **MONEY, validators=[POSITIVE], help_text=_("In yuan.")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.SUBMITTED,
        editable=False,
        db_index=True,
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applicant"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    applied_at = models.DateTimeField(_("application time"), default=timezone.now, editable=False)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, editable=False)
    review_comment = models.TextField(_("review comment"), blank=True, editable=False)
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approver"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, editable=False)
    decision_comment = models.TextField(_("decision comment"), blank=True, editable=False)
    approved_amount = models.DecimalField(
        _("approved amount (yuan)"), **MONEY, null=True, editable=False
    )

    panels = [
        FieldPanel("case"),
        # A handful of choices each: a plain select rather than a chooser dialog.
        FieldRowPanel([FieldPanel("fund", widget=Select), FieldPanel("placement", widget=Select)]),
        FieldPanel("reason"),
        FieldPanel("amount"),
        InlinePanel("documents", label=_("document"), heading=_("documents")),
    ]

    scope_paths = through_case()

    class Meta:
        ordering = ["-applied_at", "-pk"]
        verbose_name = _("relief application")
        verbose_name_plural = _("relief applications")
        permissions = [
            ("review_reliefapplication", _("Can review a relief application")),
            ("approve_reliefapplication", _("Can approve a relief application")),
        ]

    def __str__(self):
        return _("relief for %(minor)s (%(fund)s)") % {"minor": self.minor, "fund": self.fund}

    def paid_total(self):
        return _sum(self.payments.all()) if self.pk else ZERO

    def remaining(self):
        """What may still be paid: the approved amount less the payments made."""
        if self.approved_amount is None:
            return ZERO
        return self.approved_amount - self.paid_total()

    def stop_reasons(self, day):
        return stop_reasons(self.case, self.placement, day)

    def clean(self):
        errors = {}
        case = self.case if self.case_id else None
        if case is not None:
            self.minor_id = case.minor_id
            if self.placement_id and self.placement.case_id != case.pk:
                errors["placement"] = _("This placement belongs to another case.")
            elif self.status == self.Status.SUBMITTED:
                reasons = stop_reasons(case, self.placement, city_today())
                if reasons:
                    errors["case"] = " ".join(str(r) for r in reasons)
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.minor_id = Case.objects.values_list("minor_id", flat=True).get(pk=self.case_id)
        super().save(*args, **kwargs)


def check_document(file):
    if file and file.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(_("A document may be at most 20 MB."), code="too_large")


class ReliefDocument(Orderable):
    """A supporting document (diagnosis, disability certificate, 低保 certificate …), kept
    outside the public media root and served only by the permission-checked download view."""

    application = ParentalKey(ReliefApplication, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(
        _("title"), max_length=100, help_text=_("What it is, e.g. 医院诊断证明.")
    )
    file = models.FileField(
        _("file"),
        storage=protected_storage,
        upload_to="relief/%Y/%m/",
        validators=[FileExtensionValidator(DOCUMENT_TYPES), check_document],
        help_text=_(
            "PDF, image, Word or Excel, at most 20 MB; only staff who may see the case can open it."
        ),
    )

    panels = [FieldPanel("title"), FieldPanel("file")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title


class ReliefPayment(models.Model):
    """One payment against an approved application. Only ever added through support.relief."""

    application = models.ForeignKey(
        ReliefApplication,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    paid_on = models.DateField(
        _("paid on"), validators=[not_in_future], help_text=_("The day the money went out.")
    )
    amount = models.DecimalField(
        _("amount (yuan)"), **MONEY, validators=[POSITIVE], help_text=_("In yuan.")
    )
    voucher = models.CharField(
        _("voucher number"),
        max_length=50,
        blank=True,
        help_text=_("The finance voucher or transfer number."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)

    scope_paths = through_case("application__")

    class Meta:
        ordering = ["-paid_on", "-pk"]
        verbose_name = _("relief payment")
        verbose_name_plural = _("relief payments")

    def __str__(self):
        return f"{self.application.minor} · {self.amount} · {self.paid_on}"
