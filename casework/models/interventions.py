"""Family guardianship intervention (五(四) 家庭监护干预).

When guardians fail or harm a child, the township works through a ladder of steps, in order:
guidance (指导), admonition (劝诫), stopping (制止), a report to the police for a reprimand (训诫),
correction (纠正) and, last, a judicial procedure such as an application to revoke guardianship
(撤销监护资格). Each step records its date, the responsible unit, what was done, the outcome and
documents. The rules of moving up the ladder live in casework.interventions."""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from protection.models import Case, Department, Family
from protection.models.registry import not_in_future, protected_storage

DOCUMENT_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "doc", "docx"]


class Stage(models.IntegerChoices):
    """The ladder, in its order: a higher number is a stronger measure."""

    GUIDANCE = 1, _("guidance (指导)")
    ADMONITION = 2, _("admonition (劝诫)")
    STOPPING = 3, _("stopping (制止)")
    REPRIMAND = 4, _("reported to the police for a reprimand (训诫)")
    CORRECTION = 5, _("correction (纠正)")
    JUDICIAL = 6, _("judicial procedure (e.g. revoking guardianship, 撤销监护资格)")


class Intervention(models.Model):
    """问题家庭监护干预: the intervention in one case's family, with its steps."""

    Stage = Stage

    class Status(models.TextChoices):
        OPEN = "open", _("in progress")
        CLOSED = "closed", _("ended")

    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="interventions",
        help_text=_("The case whose guardians the intervention addresses."),
    )
    family = models.ForeignKey(
        Family,
        verbose_name=_("family"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The problem-family archive, where there is one; the minor's by default."),
    )
    concern = models.TextField(
        _("concern"),
        help_text=_("What in the guardianship fails or harms the child, as found on visits."),
    )
    opened_on = models.DateField(
        _("started on"), default=timezone.localdate, validators=[not_in_future]
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    stage = models.PositiveSmallIntegerField(
        _("current step"), choices=Stage.choices, null=True, editable=False
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.OPEN,
        editable=False,
        db_index=True,
    )
    closing_note = models.TextField(_("closing note"), blank=True, editable=False)

    scope_paths = {"township": "case__minor__township", "village": "case__minor__village"}

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("guardianship intervention")
        verbose_name_plural = _("guardianship interventions")
        permissions = [
            ("escalate_intervention", _("Can escalate a guardianship intervention")),
            ("close_intervention", _("Can close a guardianship intervention")),
        ]

    def __str__(self):
        return f"{self.case} · {self._meta.verbose_name}"

    def minor_name(self):
        return self.case.minor.name

    minor_name.short_description = _("minor")


class InterventionStep(models.Model):
    """One step taken on the ladder. Its outcome may be written later: until then it is open."""

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="steps")
    stage = models.PositiveSmallIntegerField(_("step"), choices=Stage.choices)
    date = models.DateField(_("date"), validators=[not_in_future])
    responsible_unit = models.ForeignKey(
        Department,
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The unit that carried out the step, e.g. 乡镇民政所, 派出所, 法院."),
    )
    action = models.TextField(_("what was done"))
    outcome = models.TextField(
        _("outcome"), blank=True, help_text=_("How the guardians responded; blank while open.")
    )
    escalation_reason = models.TextField(_("reason for escalating"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    scope_paths = {
        level: f"intervention__{path}" for level, path in Intervention.scope_paths.items()
    }

    class Meta:
        ordering = ["stage", "date", "pk"]
        verbose_name = _("intervention step")
        verbose_name_plural = _("intervention steps")

    def __str__(self):
        return f"{self.get_stage_display()} · {self.date}"


class InterventionDocument(models.Model):
    """A document of a step (written admonition, police reprimand, court filing …). Kept in the
    protected store with no URL; casework.views.document serves it after the scope check."""

    step = models.ForeignKey(InterventionStep, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=100)
    file = models.FileField(
        _("file"),
        storage=protected_storage,
        upload_to="interventions/%Y/%m/",
        validators=[FileExtensionValidator(DOCUMENT_EXTENSIONS)],
        help_text=_("PDF, Word or a photo, at most 10 MB."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    scope_paths = {level: f"step__{path}" for level, path in InterventionStep.scope_paths.items()}

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("intervention document")
        verbose_name_plural = _("intervention documents")

    def __str__(self):
        return self.title
