"""The steps of a relief application, each checked and written twice: to Wagtail's audit log
(action "support.relief.<step>") and to the case's timeline (protection CaseNote).

    submitted ──review──▶ reviewed ──approve──▶ approved ──payments──▶ paid in full
        └──────reject──────┴──────reject──────▶ rejected

Two people decide (四眼原则): the reviewer is not the applicant, and the approver is neither the
applicant nor the reviewer. No money is promised or paid for a minor who has turned 18, a closed
case or an ended placement (models.relief.stop_reasons), nor more than was approved, nor more
than the year's fund still holds uncommitted."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import timeline
from .models import ReliefApplication, ReliefPayment
from .models.common import city_today

S = ReliefApplication.Status

REVIEW = "support.review_reliefapplication"
APPROVE = "support.approve_reliefapplication"
PAY = "support.add_reliefpayment"


def _record(application, action, user, text, **data):
    timeline.record(application, action, user, text, **data)


def _locked(application):
    """The application re-read under a row lock: two clicks at once cannot both decide or pay."""
    # of=("self",): PostgreSQL cannot lock the nullable side of the placement's outer join.
    return (
        ReliefApplication.objects.select_for_update(of=("self",))
        .select_related("case__minor", "placement", "fund")
        .get(pk=application.pk)
    )


def _need(user, permission):
    if not user.has_perm(permission):
        raise PermissionDenied


def _expect(application, *statuses):
    if application.status not in statuses:
        raise ValidationError(
            _("This application is %(status)s and cannot be changed this way.")
            % {"status": application.get_status_display()}
        )


def submitted(application, user):
    """Called once the applicant has saved a new application."""
    with transaction.atomic():
        ReliefApplication.objects.filter(pk=application.pk).update(applicant=user)
        application.applicant = user
        _record(
            application,
            "support.relief.submitted",
            user,
            _("Relief application submitted: %(amount)s yuan. %(reason)s")
            % {"amount": application.amount, "reason": application.reason},
            amount=application.amount,
        )


def review(application, user, recommend, comment=""):
    """The first person's decision: recommend for approval, or reject (with a reason)."""
    _need(user, REVIEW)
    comment = (comment or "").strip()
    with transaction.atomic():
        application = _locked(application)
        _expect(application, S.SUBMITTED)
        if application.applicant_id == user.pk:
            raise ValidationError(
                _("You submitted this application: another colleague must review it.")
            )
        if not recommend and not comment:
            raise ValidationError(_("Please say why the application is rejected."))
        application.status = S.REVIEWED if recommend else S.REJECTED
        application.reviewer = user
        application.reviewed_at = timezone.now()
        application.review_comment = comment
        application.save(update_fields=["status", "reviewer", "reviewed_at", "review_comment"])
        verdict = _("recommended for approval") if recommend else _("rejected at review")
        _record(
            application,
            "support.relief.reviewed" if recommend else "support.relief.rejected",
            user,
            _("Relief application %(verdict)s. %(comment)s")
            % {"verdict": verdict, "comment": comment},
            comment=comment,
        )
    return application


def decide(application, user, approve, amount=None, comment=""):
    """The second person's decision: approve an amount (at most the amount requested and what the
    fund has uncommitted), or reject (with a reason)."""
    _need(user, APPROVE)
    comment = (comment or "").strip()
    with transaction.atomic():
        application = _locked(application)
        _expect(application, S.REVIEWED)
        if user.pk in (application.applicant_id, application.reviewer_id):
            raise ValidationError(
                _(
                    "The approver must be someone other than the applicant and the reviewer: "
                    "another colleague must approve it."
                )
            )
        if approve:
            amount = application.amount if amount is None else Decimal(amount)
            _check_approval(application, amount)
        elif not comment:
            raise ValidationError(_("Please say why the application is rejected."))
        application.status = S.APPROVED if approve else S.REJECTED
        application.approver = user
        application.decided_at = timezone.now()
        application.decision_comment = comment
        application.approved_amount = amount if approve else None
        application.save(
            update_fields=[
                "status",
                "approver",
                "decided_at",
                "decision_comment",
                "approved_amount",
            ]
        )
        if approve:
            text = _("Relief approved: %(amount)s yuan. %(comment)s") % {
                "amount": amount,
                "comment": comment,
            }
        else:
            text = _("Relief application rejected. %(comment)s") % {"comment": comment}
        _record(
            application,
            "support.relief.approved" if approve else "support.relief.rejected",
            user,
            text,
            amount=amount or "",
            comment=comment,
        )
    return application


def _check_approval(application, amount):
    if amount <= 0:
        raise ValidationError(_("The amount must be more than zero."))
    if amount > application.amount:
        raise ValidationError(
            _("The approved amount cannot exceed the %(amount)s yuan requested.")
            % {"amount": application.amount}
        )
    available = application.fund.uncommitted(exclude=application)
    if amount > available:
        raise ValidationError(
            _("The %(year)s fund has only %(available)s yuan left to approve.")
            % {"year": application.fund.year, "available": available}
        )
    reasons = application.stop_reasons(city_today())
    if reasons:
        raise ValidationError(" ".join(str(r) for r in reasons))


def pay(application, user, paid_on, amount, voucher=""):
    """Record one payment. Refused when the application is not approved, when it would pay more
    than was approved, or when on the payment's date the minor had turned 18, the case was closed
    or the placement had ended. The payment's date, not the day of typing, is what counts: a
    payment made the day before the birthday may still be entered the day after."""
    _need(user, PAY)
    amount = Decimal(amount)
    with transaction.atomic():
        application = _locked(application)
        _expect(application, S.APPROVED)
        if paid_on > city_today():
            raise ValidationError(_("This date is in the future."))
        if amount <= 0:
            raise ValidationError(_("The amount must be more than zero."))
        remaining = application.remaining()
        if amount > remaining:
            raise ValidationError(
                _("Only %(remaining)s yuan of the approved %(approved)s yuan is left to pay.")
                % {"remaining": remaining, "approved": application.approved_amount}
            )
        reasons = application.stop_reasons(paid_on)
        if reasons:
            raise ValidationError(
                _("No payment can be made: %(reasons)s") % {"reasons": " ".join(map(str, reasons))}
            )
        payment = ReliefPayment.objects.create(
            application=application,
            paid_on=paid_on,
            amount=amount,
            voucher=voucher.strip(),
            recorded_by=user,
        )
        if amount == remaining:
            application.status = S.PAID
            application.save(update_fields=["status"])
        _record(
            application,
            "support.relief.paid",
            user,
            _("Relief paid on %(day)s: %(amount)s yuan (voucher %(voucher)s).")
            % {"day": paid_on, "amount": amount, "voucher": payment.voucher or "-"},
            amount=amount,
            paid_on=paid_on,
        )
    return payment


def payments_due(applications, day=None):
    """Approved applications with money left to pay and nothing that stops payment today.
    The list is short (approved and unpaid), so the rule is applied in Python, from the one
    stop_reasons function, rather than repeated as a query."""
    day = day or city_today()
    candidates = applications.filter(status=S.APPROVED).select_related(
        "case__minor__township", "placement", "fund"
    )
    return [a for a in candidates if a.remaining() > 0 and not a.stop_reasons(day)]
