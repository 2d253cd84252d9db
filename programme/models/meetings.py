"""Joint meetings of the leading group (四, 七(一): 联席会议) and what they decide.

An agenda item may come from the records (a case proposed for target category 6, a late unit, an
open task); its `source` names that record so the decision can act on it and so the same thing is
not pulled onto the agenda twice. Tasks are assigned to units with a due date and stay open, and on
the next meeting's agenda, until the unit closes them."""

from django import forms
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

from .units import ReportingUnit


class JointMeeting(RevisionMixin, index.Indexed, ClusterableModel):
    """One joint meeting, from its notice to its minutes."""

    title = models.CharField(
        _("title"), max_length=120, help_text=_("e.g. 2026年第四季度联席会议.")
    )
    held_at = models.DateTimeField(_("date and time"), help_text=_("When the meeting sits."))
    location = models.CharField(_("place"), max_length=120, blank=True, help_text=_("Where."))
    convener = models.CharField(
        _("convener"),
        max_length=60,
        help_text=_("Who convenes it; by the seed the civil affairs bureau (市民政局)."),
    )
    attending_units = ParentalManyToManyField(
        ReportingUnit,
        verbose_name=_("attending units"),
        blank=True,
        related_name="meetings",
        help_text=_("The units present."),
    )
    attendees = models.TextField(
        _("attendees"),
        blank=True,
        help_text=_("The people present, one a line: name and post."),
    )
    minutes = models.TextField(
        _("minutes"), blank=True, help_text=_("The record of the discussion, written afterwards.")
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("held_at"), FieldPanel("location"), FieldPanel("convener")]),
        MultiFieldPanel(
            [
                FieldPanel("attending_units", widget=forms.CheckboxSelectMultiple),
                FieldPanel("attendees"),
            ],
            heading=_("attendance"),
        ),
        InlinePanel(
            "agenda_items",
            heading=_("agenda and decisions"),
            label=_("agenda item"),
            help_text=_(
                "Use 'pull in what needs deciding' above to add items from the records; record "
                "each decision against its item."
            ),
        ),
        InlinePanel("tasks", heading=_("tasks assigned"), label=_("task")),
        FieldPanel("minutes"),
        InlinePanel("attachments", heading=_("attachments"), label=_("attachment")),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["-held_at"]
        verbose_name = _("joint meeting")
        verbose_name_plural = _("joint meetings")

    def __str__(self):
        return self.title


class AgendaItem(Orderable):
    """An item on a meeting's agenda and the meeting's decision on it."""

    class Kind(models.TextChoices):
        GENERAL = "general", _("general business")
        CATEGORY_6 = "category6", _("proposal for target category 6 (三(六))")
        RESPONSE_BREACH = "breach", _("case breaching its response deadline")
        REFERRAL_OVERDUE = "referral", _("referral overdue")
        HIGH_RISK = "high_risk", _("high-risk case")
        LATE_REPORT = "late_report", _("unit late with its report")
        OPEN_TASK = "open_task", _("open task from an earlier meeting")

    class Outcome(models.TextChoices):
        PENDING = "", _("not yet decided")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("not approved")
        DEFERRED = "deferred", _("deferred")
        NOTED = "noted", _("noted")

    meeting = ParentalKey(JointMeeting, on_delete=models.CASCADE, related_name="agenda_items")
    kind = models.CharField(
        _("kind"),
        max_length=12,
        choices=Kind.choices,
        default=Kind.GENERAL,
        help_text=_("Where the item comes from; items pulled in from the records set it."),
    )
    title = models.CharField(_("item"), max_length=200, help_text=_("What is to be decided."))
    details = models.TextField(
        _("details"), blank=True, help_text=_("Background for the members, without minors' names.")
    )
    source = models.CharField(
        _("source record"),
        max_length=60,
        blank=True,
        editable=False,
        help_text=_("The record this item was pulled in from, e.g. protection.case:12."),
    )
    outcome = models.CharField(
        _("decision"),
        max_length=10,
        choices=Outcome.choices,
        default=Outcome.PENDING,
        blank=True,
        help_text=_("The meeting's decision; for a category-6 proposal 'approved' confirms it."),
    )
    decision = models.TextField(
        _("decision text"), blank=True, help_text=_("The decision as the minutes record it.")
    )
    applied_at = models.DateTimeField(_("applied to the record"), null=True, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("outcome")]),
        FieldPanel("title"),
        FieldPanel("details"),
        FieldPanel("decision"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title


class MeetingTaskQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=MeetingTask.Status.OPEN)

    def overdue(self, today=None):
        return self.open().filter(due_date__lt=today or timezone.localdate())


class MeetingTask(Orderable):
    """A task a meeting assigns to a unit, tracked until the unit closes it."""

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")

    meeting = ParentalKey(JointMeeting, on_delete=models.CASCADE, related_name="tasks")
    agenda_item_title = models.CharField(
        _("from agenda item"),
        max_length=200,
        blank=True,
        help_text=_("The agenda item whose decision gave this task."),
    )
    unit = models.ForeignKey(
        ReportingUnit,
        verbose_name=_("assigned to"),
        on_delete=models.PROTECT,
        related_name="tasks",
        help_text=_("The unit that carries it out; its liaisons see it and close it."),
    )
    description = models.TextField(_("task"), help_text=_("What is to be done."))
    due_date = models.DateField(_("due"), help_text=_("By when."))
    status = models.CharField(
        _("status"), max_length=6, choices=Status.choices, default=Status.OPEN, editable=False
    )
    done_at = models.DateTimeField(_("done at"), null=True, editable=False)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    outcome_note = models.TextField(
        _("what was done"), blank=True, help_text=_("The unit's account when closing the task.")
    )

    objects = MeetingTaskQuerySet.as_manager()

    panels = [
        FieldPanel("agenda_item_title"),
        # a plain select: some thirty units, faster to pick from than a chooser
        FieldRowPanel([FieldPanel("unit", widget=forms.Select), FieldPanel("due_date")]),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        ordering = ["status", "due_date", "sort_order"]
        verbose_name = _("meeting task")
        verbose_name_plural = _("meeting tasks")

    def __str__(self):
        return self.description[:60]

    @property
    def is_overdue(self):
        return self.status == self.Status.OPEN and self.due_date < timezone.localdate()


class MeetingAttachment(Orderable):
    meeting = ParentalKey(JointMeeting, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The notice, the signed minutes, papers handed out."),
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
