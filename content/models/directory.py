"""Service points the public can walk into: Children's Homes (儿童之家, 六 市妇联), the welfare
centre and protection centre (五(六)(十)), volunteer stations (六 团市委). Guidance stations are
kept on the township records themselves (protection app) and shown beside these."""

from itertools import groupby

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import RevisionMixin
from wagtail.search import index

from lantian.phones import phone_validator, tel_href


class ServicePoint(RevisionMixin, index.Indexed, models.Model):
    class Kind(models.TextChoices):
        CHILDRENS_HOME = "childrens_home", _("Children's Home (儿童之家)")
        WELFARE_CENTRE = "welfare_centre", _("welfare centre")
        PROTECTION_CENTRE = "protection_centre", _("minors' protection centre")
        ELDER_HOME = "elder_home", _("township elder home")
        VOLUNTEER_STATION = "volunteer_station", _("volunteer station")
        OTHER = "other", _("other service point")

    kind = models.CharField(
        _("kind"), max_length=30, choices=Kind.choices, help_text=_("What sort of place it is.")
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("As written on the door."))
    township = models.ForeignKey(
        "protection.Township",
        verbose_name=_("township"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_points",
        help_text=_("Leave empty for a city-wide service."),
    )
    address = models.CharField(
        _("address"), max_length=200, blank=True, help_text=_("Where to find it.")
    )
    phone = models.CharField(
        _("phone"),
        max_length=30,
        blank=True,
        validators=[phone_validator],
        help_text=_("Shown as a tap-to-call link."),
    )
    opening_hours = models.CharField(
        _("opening hours"), max_length=100, blank=True, help_text=_("e.g. 周一至周五 8:30–17:30.")
    )
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("What people can get there, in one or two sentences."),
    )
    is_public = models.BooleanField(
        _("shown on the public site"),
        default=True,
        help_text=_("Untick to keep a point on record without showing it."),
    )
    sort_order = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first.")
    )

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("township")]),
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("phone"), FieldPanel("opening_hours")],
            heading=_("how to reach it"),
        ),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("is_public"), FieldPanel("sort_order")]),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("service point")
        verbose_name_plural = _("service points")
        ordering = ["kind", "sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def tel_href(self):
        return tel_href(self.phone)

    @staticmethod
    def grouped(points):
        """[(kind label, [points])] in the order of Kind, for the directory page."""
        order = {kind: position for position, kind in enumerate(ServicePoint.Kind.values)}
        points = sorted(points, key=lambda p: (order[p.kind], p.sort_order, p.name))
        return [
            (ServicePoint.Kind(kind).label, list(items))
            for kind, items in groupby(points, key=lambda p: p.kind)
        ]
