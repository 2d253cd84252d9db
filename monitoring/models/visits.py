"""Home visits (走访) on a case: the grid worker's random visit (网格员随机监护), the grid
leader's monthly revisit (网格长月回访), follow-ups and guardian interviews (约谈监护人, 五(四)).

A visit is part of the case's service record: it is scoped through its case, keeps revisions,
and its attachments live outside the public media root like the minors' photos."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import LockableMixin, Orderable, RevisionMixin

from protection.models import Case
from protection.models.registry import protected_storage

from ..clock import city_today, moment

ATTACHMENT_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "doc", "docx", "xls", "xlsx"]
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


class VisitorRole(models.TextChoices):
    """Who visits, in the words of 六、各乡镇(街道): the three layers of the monitoring network
    and the staff above them."""

    GRID_WORKER = "grid_worker", _("grid worker (网格员)")
    GRID_LEADER = "grid_leader", _("grid leader (网格长)")
    SUPERVISOR = "supervisor", _("village supervisor (督导员)")
    STATION = "station", _("township station staff (民政所)")
    POLICE = "police", _("police officer (民警)")
    NEIGHBOUR = "neighbour", _("neighbour watch (邻里守望)")
    OTHER = "other", _("other")


def check_visit_date(case, day):
    """The one rule for a visit's date, shared by the form and the spreadsheet import: not in
    the future (in the city's time), not before the case was opened. A message, or None."""
    if day is None:
        return None
    if day > city_today():
        return _("A visit cannot be dated in the future.")
    if case is not None and case.opened_on and day < case.opened_on:
        return _("A visit cannot be dated before the case was opened (%(day)s).") % {
            "day": case.opened_on.isoformat()
        }
    return None


class HomeVisit(LockableMixin, RevisionMixin, ClusterableModel):
    """One visit or contact: who went, whom they saw, what they found, how the guardian cares
    for the child, and what happens next."""

    class Kind(models.TextChoices):
        ROUTINE = "routine", _("routine visit (定期走访)")
        RANDOM = "random", _("random visit (随机走访)")
        MONTHLY = "monthly", _("monthly revisit (月回访)")
        FOLLOW_UP = "follow_up", _("follow-up (跟进)")
        GUARDIAN_INTERVIEW = "guardian_interview", _("guardian interview (约谈监护人)")

    class Mode(models.TextChoices):
        HOME = "home", _("at home (入户)")
        IN_PERSON = "in_person", _("in person elsewhere (school, office)")
        PHONE = "phone", _("by phone (电话)")

    class Assessment(models.TextChoices):
        ADEQUATE = "adequate", _("guardianship adequate")
        CONCERN = "concern", _("some concerns: guidance needed")
        INADEQUATE = "inadequate", _("inadequate: intervention needed")
        ABSENT = "absent", _("no one is caring for the child")
        NOT_ASSESSED = "not_assessed", _("not assessed")

    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.PROTECT,
        related_name="visits",
        help_text=_("The case (and so the minor) visited."),
    )
    visited_on = models.DateField(
        _("visit date"), help_text=_("The day of the visit; not in the future.")
    )
    visited_time = models.TimeField(
        _("visit time"),
        null=True,
        blank=True,
        help_text=_(
            "When the visit began. It measures the response time of a new case; "
            "if left empty, the end of the day counts."
        ),
    )
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("visitor's account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The staff account of the visitor, if they have one; you when left empty."),
    )
    visitor_name = models.CharField(
        _("visitor"),
        max_length=100,
        blank=True,
        help_text=_("Name of who visited, several separated by 、; the account's name if empty."),
    )
    visitor_role = models.CharField(
        _("visitor's role"),
        max_length=20,
        choices=VisitorRole.choices,
        default=VisitorRole.GRID_WORKER,
        help_text=_("Visit rules for a role count only that role's visits."),
    )
    kind = models.CharField(
        _("kind of visit"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.ROUTINE,
        help_text=_("What the visit was for."),
    )
    mode = models.CharField(
        _("visit mode"),
        max_length=20,
        choices=Mode.choices,
        default=Mode.HOME,
        help_text=_(
            "A phone call answers a new case in time, but only a visit in person counts "
            "towards the visit rules."
        ),
    )
    people_seen = models.CharField(
        _("who was seen"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 儿童本人、祖母; say if the child was not seen."),
    )
    findings = models.TextField(
        _("what was found"),
        help_text=_("What was seen and heard: living conditions, health, school."),
    )
    guardianship_assessment = models.CharField(
        _("guardianship assessment"),
        max_length=20,
        choices=Assessment.choices,
        default=Assessment.NOT_ASSESSED,
        help_text=_("How the guardian cares for the child (监护评估)."),
    )
    next_actions = models.TextField(
        _("next actions"), blank=True, help_text=_("What is to be done, by whom, by when.")
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    panels = [
        FieldPanel("case"),
        FieldRowPanel([FieldPanel("visited_on"), FieldPanel("visited_time")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("visitor_name"), FieldPanel("visitor_role")]),
                FieldPanel("visitor"),
                FieldRowPanel([FieldPanel("kind"), FieldPanel("mode")]),
            ],
            heading=_("the visit"),
        ),
        FieldPanel("people_seen"),
        FieldPanel("findings"),
        FieldPanel("guardianship_assessment"),
        FieldPanel("next_actions"),
        InlinePanel("attachments", label=_("attachment"), heading=_("attachments")),
    ]

    scope_paths = {level: f"case__{path}" for level, path in Case.scope_paths.items()}

    class Meta:
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["case", "-visited_on"], name="visit_case_date")]
        verbose_name = _("home visit")
        verbose_name_plural = _("home visits")

    def __str__(self):
        reference = self.case.reference if self.case_id else ""
        return f"{reference} {self.visited_on or ''}".strip()

    @property
    def counts_as_visit(self):
        return self.mode != self.Mode.PHONE

    @property
    def moment(self):
        """When the visit happened, in the city's time (the end of the day if no time is known)."""
        return moment(self.visited_on, self.visited_time)

    def clean(self):
        case = self.case if self.case_id else None
        message = check_visit_date(case, self.visited_on)
        if message:
            raise ValidationError({"visited_on": message})

    def save(self, *args, **kwargs):
        if not self.visitor_name and self.visitor_id:
            self.visitor_name = self.visitor.get_full_name() or self.visitor.get_username()
        super().save(*args, **kwargs)


class VisitAttachment(Orderable):
    """A document of the visit (a signed record, a photo of the home): stored under the
    protected root and served only by monitoring.views.attachment."""

    visit = ParentalKey(HomeVisit, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(
        _("file"),
        storage=protected_storage,
        upload_to="visits/%Y/%m/",
        validators=[FileExtensionValidator(ATTACHMENT_EXTENSIONS)],
        help_text=_(
            "PDF, picture, Word or Excel, at most 10 MB; only staff who may see the case "
            "can open it."
        ),
    )
    title = models.CharField(
        _("title"), max_length=100, blank=True, help_text=_("e.g. 走访记录表(签字).")
    )

    panels = [FieldPanel("file"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title or self.file.name.rsplit("/", 1)[-1]

    def clean(self):
        if self.file and getattr(self.file, "size", 0) > ATTACHMENT_MAX_BYTES:
            raise ValidationError({"file": _("The file is larger than 10 MB.")})
