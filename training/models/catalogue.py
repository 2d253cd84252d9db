"""The lists training is organised by (seed 五(八)): topics and target groups that administrators
extend, the trainers the departments send, and the venues sessions are held in."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from lantian.phones import phone_validator
from protection.models import Department, Township, Village


class NamedListItem(models.Model):
    """An entry of a list administrators extend: the seed's words first, more as work grows."""

    name = models.CharField(
        _("name"), max_length=50, unique=True, help_text=_("As the public reads it.")
    )
    description = models.CharField(
        _("description"), max_length=200, blank=True, help_text=_("One line, optional.")
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position in lists and filters.")
    )

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("sort_order")]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Topic(NamedListItem):
    """What a session teaches: 儿童权利知识, 相关法律法规知识, 生活技能 …"""

    class Meta(NamedListItem.Meta):
        verbose_name = _("training topic")
        verbose_name_plural = _("training topics")


class TargetGroup(NamedListItem):
    """Who a session is for: the village target groups of 五(八) (village staff, guardians …)."""

    class Meta(NamedListItem.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Trainer(ClusterableModel):
    """A person a unit sends to train (卫计委 doctors, 司法局 lawyers, 妇联 staff …)."""

    name = models.CharField(_("full name"), max_length=50, help_text=_("The trainer's full name."))
    department = models.ForeignKey(
        Department,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainers",
        help_text=_("The unit the trainer works for."),
    )
    post = models.CharField(
        _("post"), max_length=100, blank=True, help_text=_("e.g. 主治医师, 律师.")
    )
    topics = ParentalManyToManyField(
        Topic,
        verbose_name=_("topics"),
        blank=True,
        related_name="trainers",
        help_text=_("What the trainer can teach."),
    )
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        validators=[phone_validator],
        help_text=_("For the organisers only; never shown on the public site."),
    )
    email = models.EmailField(
        _("e-mail"), blank=True, help_text=_("Reminders before each session go here.")
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Inactive trainers are not offered for new sessions."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("department", widget=forms.Select),
        FieldPanel("post"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email")], heading=_("contact")),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("trainer")
        verbose_name_plural = _("trainers")

    def __str__(self):
        return f"{self.name}（{self.department}）" if self.department_id else self.name


class Venue(models.Model):
    """A room sessions are held in: a township hall, a village committee's Children's Home …"""

    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. 城关乡政府三楼会议室."))
    address = models.CharField(
        _("address"), max_length=200, blank=True, help_text=_("Shown on the public session page.")
    )
    township = models.ForeignKey(
        Township,
        verbose_name=_("township"),
        on_delete=models.PROTECT,
        related_name="training_venues",
        help_text=_("The township or street office the venue lies in; figures count by it."),
    )
    village = models.ForeignKey(
        Village,
        verbose_name=_("village or residents' committee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_venues",
        help_text=_("When the venue belongs to a village committee (e.g. its Children's Home)."),
    )
    capacity = models.PositiveIntegerField(
        _("capacity"),
        validators=[MinValueValidator(1)],
        help_text=_("Seats; no session here may take more registrations."),
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Access, equipment, whom to ask for the key.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address"),
        FieldPanel("township", widget=forms.Select),
        FieldPanel("village", widget=forms.Select),
        FieldPanel("capacity"),
        FieldPanel("notes"),
    ]

    class Meta:
        ordering = ["township__sort_order", "name"]
        verbose_name = _("venue")
        verbose_name_plural = _("venues")

    def __str__(self):
        return f"{self.township} · {self.name}"

    def clean(self):
        if self.village_id and self.township_id and self.village.township_id != self.township_id:
            raise ValidationError(
                {
                    "village": _("This village belongs to %(township)s.")
                    % {"township": self.village.township}
                }
            )
