"""Notification rules (like Plone's content rules): when something happens to a record (an
Event), the enabled rules whose conditions match fire their actions: e-mail a group, a role in
the record's township or the assigned worker; put a task on a dashboard; write to the audit
log. Every firing is kept (RuleFiring), dry runs too."""

from django.conf import settings
from django.contrib.admin import display as admin_display
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from .. import records


class Trigger(models.TextChoices):
    CREATED = "created", _("a record is created")
    STATUS = "status", _("a case's status changes")
    DEADLINE = "deadline", _("a deadline has passed")
    IMPORT = "import", _("an import has finished")
    REPORT = "report", _("a public report is received")


RISK_LEVELS = [
    ("low", _("low")),
    ("medium", _("medium")),
    ("high", _("high")),
    ("urgent", _("urgent: in danger now")),
]


class Event(models.Model):
    """Something that happened, kept so that rules can be tried against recent events. It
    names the record but holds no personal data."""

    trigger = models.CharField(_("trigger"), max_length=20, choices=Trigger.choices)
    record_type = models.CharField(_("record type"), max_length=40, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)
    township = models.ForeignKey(
        "protection.Township", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.CharField(_("what"), max_length=200, blank=True)
    data = models.JSONField(default=dict, blank=True)
    happened_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-happened_at", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return f"{self.get_trigger_display()} · {self.summary}"


class Rule(ClusterableModel):
    name = models.CharField(_("name"), max_length=100, help_text=_("What the rule is for."))
    enabled = models.BooleanField(
        _("switched on"), default=True, help_text=_("Switched-off rules never fire.")
    )
    trigger = models.CharField(
        _("when"), max_length=20, choices=Trigger.choices, help_text=_("What sets it off.")
    )
    record_type = models.CharField(
        _("record type"),
        max_length=40,
        blank=True,
        choices=records.choices(),
        help_text=_("Only for this kind of record; any if blank."),
    )
    townships = models.ManyToManyField(
        "protection.Township",
        verbose_name=_("townships"),
        blank=True,
        related_name="+",
        help_text=_("Only for records of these townships; any if none."),
    )
    categories = models.ManyToManyField(
        "protection.TargetCategory",
        verbose_name=_("target categories"),
        blank=True,
        related_name="+",
        help_text=_("Only for records in one of these categories; any if none."),
    )
    tags = models.ManyToManyField(
        "protection.ClassificationTag",
        verbose_name=_("classification tags"),
        blank=True,
        related_name="+",
        help_text=_("Only for records with one of these tags (e.g. 家暴); any if none."),
    )
    risk_levels = models.JSONField(
        _("risk levels"),
        default=list,
        blank=True,
        help_text=_("Only for cases at one of these risk levels; any if none."),
    )
    status = models.CharField(
        _("new status"),
        max_length=40,
        blank=True,
        help_text=_("For status changes: only into this state (its key); any if blank."),
    )
    email_group = models.ForeignKey(
        Group,
        verbose_name=_("e-mail the group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Every active member with an e-mail address."),
    )
    email_role = models.ForeignKey(
        Group,
        verbose_name=_("e-mail the role in the record's township"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Members of this group whose jurisdiction names the record's township."),
    )
    email_role_department = models.ForeignKey(
        "protection.Department",
        verbose_name=_("of the department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "For liaisons: only those of this department (e.g. 市公安局); the department's "
            "liaisons for the whole city when none is named for the township."
        ),
    )
    email_assigned_worker = models.BooleanField(
        _("e-mail the assigned worker"), default=False, help_text=_("Of the case, if any.")
    )
    task_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("task on the dashboard of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Puts a task to follow up on this person's dashboard."),
    )
    task_group = models.ForeignKey(
        Group,
        verbose_name=_("task on the dashboards of the group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The task shows to every member until one of them marks it done."),
    )
    audit = models.BooleanField(
        _("write to the audit log"), default=True, help_text=_("On the record's history.")
    )

    logged_children = ("conditions",)  # written out in the audit log's "what changed"

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("enabled")]),
        FieldRowPanel([FieldPanel("trigger"), FieldPanel("record_type")]),
        MultiFieldPanel(
            [
                FieldPanel("townships"),
                FieldPanel("categories"),
                FieldPanel("tags"),
                FieldPanel("risk_levels"),
                FieldPanel("status"),
            ],
            heading=_("conditions"),
        ),
        InlinePanel(
            "conditions",
            heading=_("conditions on the record's fields"),
            label=_("condition"),
            help_text=_("All of them must hold (and) for the rule to fire."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("email_group"),
                FieldRowPanel([FieldPanel("email_role"), FieldPanel("email_role_department")]),
                FieldPanel("email_assigned_worker"),
                FieldRowPanel([FieldPanel("task_user"), FieldPanel("task_group")]),
                FieldPanel("audit"),
            ],
            heading=_("actions"),
        ),
    ]

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("notification rule")
        verbose_name_plural = _("notification rules")

    def __str__(self):
        return self.name

    @admin_display(description=_("conditions on the record's fields"))
    def conditions_text(self):
        """The conditions as the inspect page reads them, all of which must hold."""
        return "；".join(str(condition) for condition in self.conditions.all()) or "-"


class Operator(models.TextChoices):
    EQUALS = "equals", _("is")
    IN = "in", _("is one of")
    WITHIN_DAYS = "within_days", _("is a date within N days of today")
    EMPTY = "empty", _("is empty")
    NOT_EMPTY = "not_empty", _("is not empty")


class RuleCondition(Orderable):
    """One test of a record's field; a rule fires only when all of its conditions hold."""

    rule = ParentalKey(Rule, on_delete=models.CASCADE, related_name="conditions")
    field_name = models.CharField(
        _("field"),
        max_length=100,
        help_text=_("The field's name (e.g. risk_level), or a custom field's Chinese label."),
    )
    operator = models.CharField(
        _("operator"), max_length=20, choices=Operator.choices, default=Operator.EQUALS
    )
    value = models.CharField(
        _("value"),
        max_length=500,
        blank=True,
        help_text=_("For 'is': one value; for 'is one of': values separated by 、 or commas."),
    )
    days = models.PositiveIntegerField(
        _("days"),
        null=True,
        blank=True,
        help_text=_("For a date: how many days before or after today it may lie."),
    )

    panels = [
        FieldRowPanel([FieldPanel("field_name"), FieldPanel("operator")]),
        FieldRowPanel([FieldPanel("value"), FieldPanel("days")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("condition")
        verbose_name_plural = _("conditions")

    def __str__(self):
        shown = self.days if self.operator == Operator.WITHIN_DAYS else self.value
        return f"{self.field_name} {self.get_operator_display()} {shown or ''}".strip()

    def clean(self):
        if self.operator in (Operator.EQUALS, Operator.IN) and not self.value.strip():
            raise ValidationError({"value": _("Give the value to compare with.")})
        if self.operator == Operator.WITHIN_DAYS and self.days is None:
            raise ValidationError({"days": _("Give the number of days.")})

    def values(self):
        """The values an 'is one of' condition accepts (one for 'is')."""
        if self.operator == Operator.EQUALS:
            return [self.value.strip()]
        text = self.value.replace("，", "、").replace(",", "、").replace("\n", "、")
        return [part.strip() for part in text.split("、") if part.strip()]


class RuleFiring(models.Model):
    """One time a rule fired (or would have, in a dry run), with whom it told."""

    rule = models.ForeignKey(
        Rule, verbose_name=_("rule"), on_delete=models.CASCADE, related_name="firings"
    )
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="firings"
    )
    dry_run = models.BooleanField(_("dry run"), default=False)
    recipients = models.JSONField(_("told"), default=list, blank=True)
    actions = models.JSONField(_("actions"), default=list, blank=True)
    fired_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-fired_at", "-pk"]
        verbose_name = _("rule firing")
        verbose_name_plural = _("rule firings")

    def __str__(self):
        return f"{self.rule} · {self.event}"

    @admin_display(description=_("told"))
    def told(self):
        """The usernames told, as staff read a list; a dash when nobody was."""
        return "、".join(self.recipients) or "—"


class DashboardTask(models.Model):
    """A follow-up a rule put on someone's dashboard."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    group = models.ForeignKey(
        Group, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    firing = models.ForeignKey(RuleFiring, on_delete=models.CASCADE, related_name="tasks")
    text = models.CharField(_("task"), max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("dashboard task")
        verbose_name_plural = _("dashboard tasks")

    def __str__(self):
        return self.text
