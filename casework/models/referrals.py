"""Referrals between departments (五(七) 部门协作: 转介).

A case is referred to one department (police, education, health, justice, the women's federation
…) with a reason, the service asked for, the legal basis or consent, a due date and the fields the
referral shares. The department's liaison accepts or rejects it, records what was done and closes
it; the sender may revoke it. The liaison sees the shared fields of the case only while the
referral is open and its sharing has not ended (protection.scope reads `giving_access` below)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantian.clock import next_reference
from protection.models import Case, Department


class ReferralQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=Referral.OPEN)

    def giving_access(self, department_id, today=None):
        """The referrals through which a liaison of this department sees a case today: open
        (sent or accepted) and sharing until today or later, today being the city's date
        (Asia/Shanghai). A date comparison, so access ends by itself without a scheduled job."""
        today = today or timezone.localdate()
        return self.open().filter(department_id=department_id, access_until__gte=today)

    def overdue(self, today=None):
        """Open referrals past their due date (the due date itself is still in time)."""
        return self.open().filter(due_date__lt=today or timezone.localdate())


class Referral(models.Model):
    """One referral of a case to a department (转介)."""

    class Status(models.TextChoices):
        # Labels distinct from other registries' "accepted"/"done": one catalogue, one msgstr.
        SENT = "sent", _("sent, awaiting an answer")
        ACCEPTED = "accepted", _("accepted by the department")
        REJECTED = "rejected", _("rejected by the department")
        DONE = "done", _("done and closed")
        REVOKED = "revoked", _("revoked by the sender")

    class Shared(models.TextChoices):
        """What of the case the receiving department may see. The ID number only when chosen."""

        NAME = "name", _("the minor's name")
        AGE_SEX = "age_sex", _("age and sex")
        PLACE = "place", _("township and village")
        ADDRESS = "address", _("current address")
        SCHOOL = "school", _("school and grade")
        HEALTH = "health", _("health and disability")
        SITUATION = "situation", _("the situation (case summary)")
        GUARDIANS = "guardians", _("guardians and their phone numbers")
        ID_NUMBER = "id_number", _("ID number (only when the department needs it)")

    DEFAULT_SHARED = [Shared.NAME, Shared.AGE_SEX, Shared.PLACE, Shared.SITUATION]
    OPEN = (Status.SENT, Status.ACCEPTED)

    reference = models.CharField(_("referral number"), max_length=20, unique=True, editable=False)
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="referrals",
        help_text=_("The case referred."),
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("to department"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The unit asked to act (五(七)); its liaison receives the referral."),
    )
    reason = models.TextField(
        _("reason"), help_text=_("Why the department is needed: what the child faces.")
    )
    requested_service = models.CharField(
        _("requested service"),
        max_length=200,
        help_text=_("What the department is asked to do, e.g. 协助办理低保, 心理疏导, 训诫."),
    )
    legal_basis = models.TextField(
        _("legal basis or consent"),
        help_text=_(
            "The law or duty that allows sharing (e.g. 未成年人保护法 第十一条), or who consented "
            "and when."
        ),
    )
    due_date = models.DateField(
        _("due date"), help_text=_("By when the department should have acted and reported back.")
    )
    access_until = models.DateField(
        _("sharing ends on"),
        help_text=_(
            "The last day the department may see the shared fields; access also ends when the "
            "referral is closed."
        ),
    )
    shared_fields = models.JSONField(
        _("shared fields"),
        default=list,
        blank=True,
        help_text=_("What of the case the department sees."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.SENT,
        editable=False,
        db_index=True,
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now, editable=False)
    answered_at = models.DateTimeField(_("answered at"), null=True, editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, editable=False)
    answer = models.TextField(
        _("reason for rejecting"),
        blank=True,
        editable=False,
        help_text=_("The reason given for a rejection."),
    )
    outcome = models.TextField(
        _("outcome"), blank=True, editable=False, help_text=_("What the department achieved.")
    )

    objects = ReferralQuerySet.as_manager()

    # The sender's side sees the referrals of its township's or village's cases; a liaison sees
    # every referral addressed to their department, but the case's data only while it is open
    # (protection.scope; casework.views).
    scope_paths = {
        "township": "case__minor__township",
        "village": "case__minor__village",
        "addressed_to": "department",
    }

    class Meta:
        ordering = ["-sent_at", "-pk"]
        # The liaison's scope (giving_access) and the overdue lists read these on every page.
        indexes = [
            models.Index(fields=["department", "status", "access_until"], name="referral_access"),
            models.Index(fields=["status", "due_date"], name="referral_due"),
        ]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        permissions = [
            ("answer_referral", _("Can answer referrals to their department")),
            ("revoke_referral", _("Can revoke a referral")),
        ]

    def __str__(self):
        return self.reference or str(_("new referral"))

    def save(self, *args, **kwargs):
        if not self.reference:
            self.reference = next_reference(
                Referral.objects, f"ZJ-{timezone.localdate(self.sent_at):%Y}-"
            )
        super().save(*args, **kwargs)

    @property
    def is_open(self):
        return self.status in self.OPEN

    def is_sharing(self, today=None):
        """Whether the department sees the shared fields today (the rule of giving_access)."""
        return self.is_open and self.access_until >= (today or timezone.localdate())

    def is_overdue(self, today=None):
        return self.is_open and self.due_date < (today or timezone.localdate())


class ReferralEvent(models.Model):
    """One entry of a referral's own timeline: sent, accepted, rejected, an action taken, done,
    revoked. The liaison reads this, never the case's timeline. Entries are only ever added."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    step = models.CharField(_("step"), max_length=20)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    text = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("referral entry")
        verbose_name_plural = _("referral entries")

    def __str__(self):
        return f"{self.referral} · {self.step}"
