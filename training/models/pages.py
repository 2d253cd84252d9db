"""The public training calendar: upcoming public sessions, a page per session with its sign-up
form, iCal feeds, and the materials library — one page in the tree, its sub-pages routed."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page


class TrainingCalendarPage(RoutablePageMixin, Page):
    intro = RichTextField(
        _("introduction"),
        features=["bold", "link", "ul"],
        blank=True,
        help_text=_("A few lines above the calendar: who the training is for and what it costs."),
    )
    materials_intro = models.CharField(
        _("materials library introduction"),
        max_length=200,
        blank=True,
        help_text=_("One line above the materials library."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("materials_intro")]
    max_count = 1
    subpage_types = []
    template = "training/calendar_page.html"

    class Meta:
        verbose_name = _("training calendar page")

    @property
    def listing_summary(self):
        """One line for search results and the description meta tag the base template shows."""
        return self.search_description or self.materials_intro

    sharing_image = None

    def suburl(self, name, *args):
        return self.url + self.reverse_subpage(name, args=args)

    # The views live in training.views.public: the page only routes to them.
    @path("")
    def calendar(self, request):
        from training.views import public

        return public.calendar(request, self)

    @path("session/<int:pk>/")
    def session(self, request, pk):
        from training.views import public

        return public.session_detail(request, self, pk)

    @path("session/<int:pk>/ical/")
    def session_ics(self, request, pk):
        from training.views import public

        return public.session_ics(request, self, pk)

    @path("ical/")
    def calendar_ics(self, request):
        from training.views import public

        return public.calendar_ics(request, self)

    @path("materials/")
    def materials(self, request):
        from training.views import public

        return public.materials(request, self)

    @path("materials/<int:pk>/download/")
    def material_download(self, request, pk):
        from training.views import public

        return public.material_download(request, self, pk)
