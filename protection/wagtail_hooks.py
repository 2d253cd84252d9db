"""Admin screens of the protection registries: one menu group per domain."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lantian.imports.viewsets import SpreadsheetMixin

from .models import Department, LeadingGroupMember, Township, Village


class TownshipViewSet(SpreadsheetMixin, SnippetViewSet):
    model = Township
    icon = "site"
    menu_label = _("townships and street offices")
    url_prefix = "protection/townships"
    url_namespace = "protection_townships"
    list_display = ["name", "kind", "station_name", "hotline"]
    list_filter = ["kind"]
    search_fields = ["name", "station_name"]
    search_backend_name = None  # icontains: the database backend does not segment Chinese
    ordering = ["sort_order", "name"]
    inspect_view_enabled = True
    list_export = ["name", "kind", "station_name", "hotline", "station_address"]


class VillageViewSet(SnippetViewSet):
    model = Village
    icon = "home"
    menu_label = _("villages and residents' committees")
    url_prefix = "protection/villages"
    url_namespace = "protection_villages"
    list_display = ["name", "township", "supervisor_name", "supervisor_phone"]
    list_filter = ["township"]
    search_fields = ["name", "supervisor_name"]
    search_backend_name = None
    ordering = ["township__sort_order", "name"]
    inspect_view_enabled = True
    list_export = ["name", "township", "supervisor_name", "supervisor_phone"]

    def get_queryset(self, request):
        return Village.objects.select_related("township")


class DepartmentViewSet(SpreadsheetMixin, SnippetViewSet):
    model = Department
    icon = "group"
    menu_label = _("departments and duties")
    url_prefix = "protection/departments"
    url_namespace = "protection_departments"
    list_display = ["name", "level", "is_lead_office"]
    list_filter = ["level"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["level", "sort_order", "name"]
    inspect_view_enabled = True


class LeadingGroupViewSet(SnippetViewSet):
    model = LeadingGroupMember
    icon = "user"
    menu_label = _("leading group")
    url_prefix = "protection/leading-group"
    url_namespace = "protection_leading_group"
    list_display = ["person_name", "role", "post"]
    list_filter = ["role"]
    search_fields = ["person_name", "post"]
    search_backend_name = None
    ordering = ["sort_order"]
    inspect_view_enabled = True


class OrganisationGroup(SnippetViewSetGroup):
    menu_label = _("organisation")
    menu_icon = "site"
    menu_order = 210
    items = (TownshipViewSet, VillageViewSet, DepartmentViewSet, LeadingGroupViewSet)


@hooks.register("register_admin_viewset")
def register_organisation():
    return OrganisationGroup()
