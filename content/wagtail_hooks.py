"""Admin screens of the public site: publicity (campaigns, their calendar, news categories) and
volunteers (registry, service points). One menu group per domain."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lowcode.viewsets import CustomFieldsMixin

from .calendar import CampaignCalendarView, can_see_campaigns
from .models import NewsCategory, PublicityCampaign, ServicePoint, Volunteer


class CampaignViewSet(CustomFieldsMixin, SnippetViewSet):
    model = PublicityCampaign
    icon = "tasks"
    menu_label = _("publicity campaigns")
    url_prefix = "content/campaigns"
    url_namespace = "content_campaigns"
    list_display = ["theme", "status", "starts_on", "ends_on", "budget"]
    list_filter = ["status", "responsible_units"]
    search_fields = ["theme", "goals"]
    search_backend_name = None  # icontains: the database backend does not segment Chinese
    ordering = ["-starts_on"]
    inspect_view_enabled = True
    list_export = ["theme", "status", "starts_on", "ends_on", "budget", "goals"]
    export_filename = "publicity-campaigns"

    def get_queryset(self, request):
        return PublicityCampaign.objects.prefetch_related("placements")


class _PermissionMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_campaigns(request.user)


class CampaignCalendarViewSet(ViewSet):
    """What runs this month, by channel."""

    name = "content_campaign_calendar"
    url_prefix = "content/campaign-calendar"
    icon = "date"
    menu_label = _("campaign calendar")
    menu_item_class = _PermissionMenuItem

    def get_urlpatterns(self):
        from django.urls import path

        return [path("", CampaignCalendarView.as_view(), name="index")]


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("news categories")
    url_prefix = "content/news-categories"
    url_namespace = "content_news_categories"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["sort_order", "name"]


class PublicityGroup(SnippetViewSetGroup):
    menu_label = _("publicity")
    menu_icon = "tasks"
    menu_order = 220
    items = (CampaignViewSet, CampaignCalendarViewSet, NewsCategoryViewSet)


class VolunteerViewSet(CustomFieldsMixin, SnippetViewSet):
    model = Volunteer
    icon = "user"
    menu_label = _("volunteer registry")
    url_prefix = "content/volunteers"
    url_namespace = "content_volunteers"
    list_display = ["name", "township", "skills", "availability", "status", "applied_at"]
    list_filter = ["status", "availability", "township"]
    search_fields = ["name", "skills"]
    search_backend_name = None
    ordering = ["-applied_at"]
    inspect_view_enabled = True
    list_export = [
        "name",
        "phone",
        "township",
        "station",
        "skills",
        "availability",
        "status",
        "applied_at",
        "notes",
    ]
    export_filename = "volunteers"

    def get_queryset(self, request):
        return Volunteer.objects.select_related("township", "station")


class ServicePointViewSet(SnippetViewSet):
    model = ServicePoint
    icon = "site"
    menu_label = _("service points")
    url_prefix = "content/service-points"
    url_namespace = "content_service_points"
    list_display = ["name", "kind", "township", "phone", "is_public"]
    list_filter = ["kind", "township", "is_public"]
    search_fields = ["name", "address"]
    search_backend_name = None
    ordering = ["kind", "sort_order", "name"]
    list_export = ["name", "kind", "township", "address", "phone", "opening_hours", "is_public"]

    def get_queryset(self, request):
        return ServicePoint.objects.select_related("township")


class VolunteersGroup(SnippetViewSetGroup):
    menu_label = _("volunteers")
    menu_icon = "group"
    menu_order = 230
    items = (VolunteerViewSet, ServicePointViewSet)


@hooks.register("register_admin_viewset")
def register_publicity():
    return PublicityGroup()


@hooks.register("register_admin_viewset")
def register_volunteers():
    return VolunteersGroup()
