"""Lists the civil affairs bureau keeps and may extend without a release: the six target
categories (三、保护对象) and the fourteen classification tags it compares on (六、市民政局)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class TargetCategory(models.Model):
    """A category of 三、保护对象; a case has one or more."""

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, help_text=_("The item's number in the seed: 1 to 6, or more.")
    )
    name = models.CharField(
        _("short name"), max_length=30, unique=True, help_text=_("e.g. 监护缺失.")
    )
    description = models.TextField(
        _("definition"), blank=True, help_text=_("The seed's wording of who belongs here.")
    )
    needs_joint_meeting_decision = models.BooleanField(
        _("needs a joint-meeting decision"),
        default=False,
        help_text=_("Category 6: a case in it needs the joint meeting's decision on record."),
    )

    panels = [
        FieldPanel("number"),
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("needs_joint_meeting_decision"),
    ]

    class Meta:
        ordering = ["number"]
        verbose_name = _("target category")
        verbose_name_plural = _("target categories")

    def __str__(self):
        return self.name


class ClassificationTag(models.Model):
    """One of the classes the city compares records on (精神障碍, 留守 …)."""

    name = models.CharField(_("name"), max_length=30, unique=True, help_text=_("e.g. 留守."))
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position in lists and charts.")
    )

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("classification tag")
        verbose_name_plural = _("classification tags")

    def __str__(self):
        return self.name
