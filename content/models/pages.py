"""The public pages: home, standard, hotline, service directory and volunteer pages. Nothing
here reads a case record: the public site shows organisation data (township hotlines, service
points) and editorial content only."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from protection.models import Township

from ..blocks import BodyBlock
from ..search import bigrams
from .directory import ServicePoint


class PublicPage(Page):
    """What every public page type shares: a picture for sharing (Open Graph), a summary for
    search results, and the Chinese search index (see content/search.py)."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared on WeChat or elsewhere (Open Graph)."),
    )

    promote_panels = [*Page.promote_panels, FieldPanel("social_image")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("search_title", boost=3),
        index.SearchField("search_text"),
    ]

    class Meta:
        abstract = True

    def search_texts(self):
        """The page's own text, for the index; each page type adds its fields."""
        return [self.search_description]

    def search_title(self):
        return bigrams(self.title)

    def search_text(self):
        return bigrams(" ".join(str(text) for text in self.search_texts() if text))

    @property
    def listing_summary(self):
        """One line for search results and listings."""
        return self.search_description or getattr(self, "summary", "") or ""

    @property
    def sharing_image(self):
        return self.social_image


def stream_text(stream):
    return " ".join(stream.stream_block.get_searchable_content(stream)) if stream else ""


class HomePage(PublicPage):
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
    max_count = 1
    template = "content/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def search_texts(self):
        return [*super().search_texts(), self.intro, self.what_to_do, stream_text(self.body)]

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


class StandardPage(PublicPage):
    """A page built from the block set: about the programme, guidance, questions and answers."""

    summary = models.CharField(
        _("summary"),
        max_length=200,
        blank=True,
        help_text=_("Shown under the title and in search results."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), help_text=_("The page's content."))

    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]
    template = "content/standard_page.html"

    class Meta:
        verbose_name = _("standard page")

    def search_texts(self):
        return [*super().search_texts(), self.summary, stream_text(self.body)]


class HotlinePage(PublicPage):
    """The hotline page (五(二)): the city hotline, 110, and every township guidance station's
    hotline with its address: the numbers come from the settings and the township records, so
    an edit there shows here at once."""

    intro = RichTextField(
        _("introduction"),
        features=["bold", "ol", "ul", "link"],
        blank=True,
        help_text=_("When to call which number."),
    )
    body = StreamField(
        BodyBlock(), blank=True, verbose_name=_("more content"), help_text=_("Optional.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    template = "content/hotline_page.html"

    class Meta:
        verbose_name = _("hotline page")

    def search_texts(self):
        townships = Township.objects.values_list("name", "station_name")
        return [
            *super().search_texts(),
            self.intro,
            stream_text(self.body),
            "热线 " + " ".join(" ".join(row) for row in townships),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["townships"] = Township.objects.exclude(hotline="")
        return context


class ServiceDirectoryPage(PublicPage):
    """Where to go for help (五(一)(六), 六 市妇联): the guidance station of every township, the
    Children's Homes, the welfare centre and other service points, with address, phone and
    opening hours, filterable by township."""

    intro = RichTextField(
        _("introduction"),
        features=["bold", "link"],
        blank=True,
        help_text=_("One or two sentences above the directory."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    template = "content/service_directory_page.html"

    class Meta:
        verbose_name = _("service directory")

    def search_texts(self):
        points = ServicePoint.objects.filter(is_public=True).values_list("name", "address")
        return [*super().search_texts(), self.intro, " ".join(" ".join(p) for p in points)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        townships = Township.objects.all()
        chosen = townships.filter(pk=_int(request.GET.get("township"))).first()
        points = ServicePoint.objects.filter(is_public=True).select_related("township")
        stations = townships.exclude(station_name="")
        if chosen:
            points = points.filter(models.Q(township=chosen) | models.Q(township=None))
            stations = stations.filter(pk=chosen.pk)
        context.update(
            townships=townships,
            chosen_township=chosen,
            stations=stations,
            groups=ServicePoint.grouped(points.exclude(kind=ServicePoint.Kind.VOLUNTEER_STATION)),
        )
        return context


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class VolunteerPage(PublicPage):
    """The volunteer page (五(十一), 团市委): why and how to help, the volunteer stations, and the
    way to the application form."""

    intro = models.CharField(
        _("introduction"),
        max_length=200,
        blank=True,
        help_text=_("One line under the title."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"), help_text=_("Optional."))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    subpage_types = ["content.VolunteerApplicationPage", "content.StandardPage"]
    template = "content/volunteer_page.html"

    class Meta:
        verbose_name = _("volunteer page")

    def search_texts(self):
        stations = ServicePoint.objects.filter(kind=ServicePoint.Kind.VOLUNTEER_STATION)
        return [
            *super().search_texts(),
            self.intro,
            stream_text(self.body),
            " ".join(stations.values_list("name", flat=True)),
        ]

    @cached_property
    def application_page(self):
        from .volunteers import VolunteerApplicationPage

        return VolunteerApplicationPage.objects.child_of(self).live().first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["stations"] = ServicePoint.objects.filter(
            kind=ServicePoint.Kind.VOLUNTEER_STATION, is_public=True
        ).select_related("township")
        return context
