"""Public pages and the site-wide settings the publicity department edits (hotline, navigation,
footer). Nothing here reads a case record: the public site shows only organisation data
(township hotlines) and editorial content."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from lantian.phones import phone_validator, tel_href
from protection.models import Township

from .blocks import BodyBlock


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


class HomePage(Page):
    """The first thing the public sees: the hotlines, what to do, and the way to the sections."""

    intro = models.CharField(
        _("introduction"),
        max_length=200,
        default="同在蓝天下，快乐共成长",
        help_text=_("One line under the site name."),
    )
    what_to_do = RichTextField(
        _("what to do when you see a child in difficulty"),
        features=["bold", "ol", "ul", "link"],
        blank=True,
        help_text=_("The steps a neighbour should take (seed 五(二)(三))."),
    )
    body = StreamField(
        BodyBlock(), blank=True, verbose_name=_("more content"), help_text=_("Optional.")
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("what_to_do"),
        InlinePanel("section_links", heading=_("sections"), label=_("section")),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("what_to_do"),
        index.SearchField("body"),
    ]
    max_count = 1
    template = "content/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Organisation data only: the township directory of guidance-station hotlines.
        context["townships"] = Township.objects.exclude(hotline="").only(
            "name", "hotline", "station_name"
        )
        return context


class HomeSectionLink(Orderable):
    """A way from the home page into a section (training, volunteers, news …)."""

    home = ParentalKey(HomePage, related_name="section_links", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The section's page; the link is hidden while none is chosen."),
    )
    title = models.CharField(_("title"), max_length=30, help_text=_("e.g. 培训."))
    description = models.CharField(
        _("description"), max_length=100, blank=True, help_text=_("One line.")
    )

    panels = [FieldPanel("title"), PageChooserPanel("page"), FieldPanel("description")]


class StandardPage(Page):
    """A page built from the block set: about the programme, guidance, questions and answers."""

    summary = models.CharField(
        _("summary"),
        max_length=200,
        blank=True,
        help_text=_("Shown under the title and in search results."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), help_text=_("The page's content."))

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    template = "content/standard_page.html"

    class Meta:
        verbose_name = _("standard page")
