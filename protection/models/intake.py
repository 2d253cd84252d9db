"""The intake queue (五(二) 发现和报告机制): what the public reports through the site's form,
waiting for the township station to verify it and open a case, or to record why not."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from lantian.crypto import EncryptedCharField

from .organisation import Township, Village


class IntakeReport(models.Model):
    """One report of a child who may need protection. The reporter's name and phone are
    encrypted at rest; nothing of a report is ever shown back to the public."""

    class ReporterKind(models.TextChoices):
        NEIGHBOUR = "neighbour", _("neighbour (邻里)")
        RELATIVE = "relative", _("relative (亲属)")
        SCHOOL = "school", _("school (学校)")
        HOSPITAL = "hospital", _("hospital (医院)")
        VILLAGE_COMMITTEE = "village", _("village committee (村(居)委会)")
        POLICE = "police", _("police (派出所)")
        OTHER = "other", _("other")

    # Units bound to report by 五(七): the village police room, schools, hospitals, the committee.
    MANDATORY_REPORTERS = frozenset(
        {
            ReporterKind.SCHOOL,
            ReporterKind.HOSPITAL,
            ReporterKind.VILLAGE_COMMITTEE,
            ReporterKind.POLICE,
        }
    )

    class Status(models.TextChoices):
        NEW = "new", _("waiting for verification")
        CASE_OPENED = "case_opened", _("case opened")
        NOT_A_CASE = "not_a_case", _("not a case")

    receipt = models.CharField(
        _("receipt number"),
        max_length=32,
        unique=True,
        editable=False,
        help_text=_("Given to the reporter; the only thing they ever see."),
    )
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    township = models.ForeignKey(
        Township,
        verbose_name=_("township"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Where the child lives or was seen; the station of this township verifies."),
    )
    village = models.ForeignKey(
        Village,
        verbose_name=_("village"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The village or residents' committee, where known."),
    )
    what_happened = models.TextField(
        _("what happened"), help_text=_("The reporter's account, as given.")
    )
    location = models.CharField(
        _("location"), max_length=200, blank=True, help_text=_("Where, as the reporter put it.")
    )
    child_age = models.CharField(
        _("child's age"), max_length=30, blank=True, help_text=_("As the reporter estimated it.")
    )
    reporter_kind = models.CharField(
        _("reporter"),
        max_length=20,
        choices=ReporterKind.choices,
        help_text=_("Who reported: schools, hospitals, committees and police must report."),
    )
    reporter_name = EncryptedCharField(
        _("reporter's name"),
        blank=True,
        form_max_length=50,
        help_text=_("Optional; encrypted at rest."),
    )
    reporter_phone = EncryptedCharField(
        _("reporter's phone"),
        blank=True,
        form_max_length=30,
        help_text=_("Optional, for a call back; encrypted at rest."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.NEW,
        help_text=_("Waiting, or what the station decided."),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    outcome = models.TextField(
        _("outcome"),
        blank=True,
        help_text=_("What the station found and did: the case opened, or why it is not one."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("township"),
                FieldPanel("village"),
                FieldPanel("location"),
                FieldPanel("child_age"),
                FieldPanel("what_happened"),
            ],
            heading=_("the report"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("reporter_kind"),
                FieldPanel("reporter_name"),
                FieldPanel("reporter_phone"),
            ],
            heading=_("the reporter"),
        ),
        MultiFieldPanel([FieldPanel("status"), FieldPanel("outcome")], heading=_("outcome")),
    ]

    scope_paths = {"township": "township", "village": "village"}

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("public report")
        verbose_name_plural = _("intake queue")

    def __str__(self):
        return self.receipt

    @property
    def is_mandatory_report(self):
        return self.reporter_kind in self.MANDATORY_REPORTERS
