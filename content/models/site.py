"""The site-wide settings the publicity department edits: the hotline, navigation and footer."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable

from lantian.phones import phone_validator, tel_href


@register_setting(icon="mail")
class HotlineSettings(BaseSiteSetting):
    """The city hotline and the emergency number, shown on every page (五(二))."""

    city_hotline_label = models.CharField(
        _("city hotline label"),
        max_length=60,
        default="荥阳市困境未成年人社会保护工作热线",
        help_text=_("The hotline's name as the public knows it."),
    )
    city_hotline = models.CharField(
        _("city hotline"),
        max_length=30,
        validators=[phone_validator],
        blank=True,
        help_text=_("Shown in the header of every page as a tap-to-call link."),
    )
    emergency_number = models.CharField(
        _("emergency number"),
        max_length=10,
        default="110",
        validators=[phone_validator],
        help_text=_("Police emergency number, shown as 'in an emergency call …'."),
    )
    service_hours = models.CharField(
        _("service hours"),
        max_length=60,
        blank=True,
        default="24 小时",
        help_text=_("e.g. 24 小时."),
    )

    panels = [
        FieldPanel("city_hotline_label"),
        FieldPanel("city_hotline"),
        FieldPanel("service_hours"),
        FieldPanel("emergency_number"),
    ]

    class Meta:
        verbose_name = _("hotline")

    @property
    def city_hotline_href(self):
        return tel_href(self.city_hotline)

    @property
    def emergency_href(self):
        return tel_href(self.emergency_number)


@register_setting(icon="list-ul")
class NavigationSettings(ClusterableModel, BaseSiteSetting):
    """Header links and the footer (the seed's issuing office, address and postcode)."""

    footer_issuer = models.CharField(
        _("issuing office"),
        max_length=100,
        default="荥阳市人民政府办公室",
        help_text=_("Footer: 主办单位."),
    )
    footer_address = models.CharField(
        _("address"), max_length=200, default="荥阳市索河路71号", help_text=_("Footer: 地址.")
    )
    footer_postcode = models.CharField(
        _("postcode"), max_length=10, default="450100", help_text=_("Footer: 邮编.")
    )

    panels = [
        InlinePanel("header_links", heading=_("header navigation"), label=_("link")),
        MultiFieldPanel(
            [
                FieldPanel("footer_issuer"),
                FieldPanel("footer_address"),
                FieldPanel("footer_postcode"),
            ],
            heading=_("footer"),
        ),
    ]

    class Meta:
        verbose_name = _("navigation and footer")


class HeaderLink(Orderable):
    setting = ParentalKey(NavigationSettings, related_name="header_links", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The page to link to."),
    )
    title = models.CharField(
        _("title"), max_length=30, blank=True, help_text=_("Leave empty to use the page's title.")
    )

    panels = [PageChooserPanel("page"), FieldPanel("title")]

    @property
    def label(self):
        return self.title or self.page.title
