"""A staff user's jurisdiction (属地管理, 二、基本原则): the whole city, some townships, some
villages, or a department. protection.scope reads it; nothing else decides visibility."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .organisation import Department, Township, Village


class StaffScope(models.Model):
    """Which records of the registries one staff user may see. A user without one sees none."""

    class Level(models.TextChoices):
        CITY = "city", _("whole city")
        TOWNSHIP = "township", _("some townships")
        VILLAGE = "village", _("some villages")
        DEPARTMENT = "department", _("a department")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff user"),
        on_delete=models.CASCADE,
        related_name="lantian_scope",
        help_text=_("The account this jurisdiction belongs to."),
    )
    level = models.CharField(
        _("jurisdiction"),
        max_length=20,
        choices=Level.choices,
        help_text=_(
            "City-wide for the civil affairs bureau and the leadership; narrower otherwise."
        ),
    )
    townships = models.ManyToManyField(
        Township,
        verbose_name=_("townships"),
        blank=True,
        help_text=_("For township station staff: the townships whose records they keep."),
    )
    villages = models.ManyToManyField(
        Village,
        verbose_name=_("villages"),
        blank=True,
        help_text=_("For village supervisors: the committees whose records they keep."),
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("For department liaisons: the unit; they see the cases shared with it."),
    )

    panels = [
        FieldPanel("user"),
        FieldPanel("level"),
        FieldPanel("townships"),
        FieldPanel("villages"),
        FieldPanel("department"),
    ]

    class Meta:
        verbose_name = _("staff jurisdiction")
        verbose_name_plural = _("staff jurisdictions")

    def __str__(self):
        return f"{self.user} · {self.get_level_display()}"

    def clean(self):
        if self.level == self.Level.DEPARTMENT and not self.department_id:
            raise ValidationError({"department": _("Choose the department of this liaison.")})
