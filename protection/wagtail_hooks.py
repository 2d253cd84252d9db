"""Admin screens of the protection registries: one menu group per domain. The registries'
viewsets are ScopedSnippetViewSets: every view of them goes through protection.scope."""

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lantian.imports.viewsets import SpreadsheetMixin

from . import scope
from .forms import CaseForm, MinorForm
from .models import (
    Case,
    ClassificationTag,
    Department,
    Family,
    IntakeReport,
    LeadingGroupMember,
    Minor,
    StaffScope,
    TargetCategory,
    Township,
    Village,
)
from .scope import visible
from .views import find, intake, records
from .views.scoped import ScopedChooserMixin, ScopedChooserViewSet, ScopedSnippetViewSet


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


class StaffScopeViewSet(SnippetViewSet):
    model = StaffScope
    icon = "key"
    menu_label = _("staff jurisdictions")
    url_prefix = "protection/scopes"
    url_namespace = "protection_scopes"
    list_display = ["user", "level", "department"]
    list_filter = ["level"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    search_backend_name = None

    def get_queryset(self, request):
        return StaffScope.objects.select_related("user", "department")


class OrganisationGroup(SnippetViewSetGroup):
    menu_label = _("organisation")
    menu_icon = "site"
    menu_order = 210
    items = (
        TownshipViewSet,
        VillageViewSet,
        DepartmentViewSet,
        LeadingGroupViewSet,
        StaffScopeViewSet,
    )


class RegistryChooserMixin:
    """Mixed outside the scope check of a registry's chooser. Wagtail offers a snippet chooser
    to any admin user; a registry's is empty to a user without the permission to view its
    records (a department liaison sees a case only on its referral page, never by browsing).
    A queryset with current() (minors) offers only current records: a merged minor is never
    linked to a new case or family."""

    def _may_view(self):
        opts = self.model_class._meta
        return self.request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}")

    def _offered(self, queryset):
        if not self._may_view():
            return queryset.none()
        return queryset.current() if hasattr(queryset, "current") else queryset

    def get_object_list(self, *args, **kwargs):
        return self._offered(super().get_object_list(*args, **kwargs))

    def get_object(self, pk):
        obj = super().get_object(pk)
        if not self._offered(self.model_class._default_manager.filter(pk=obj.pk)).exists():
            raise self.model_class.DoesNotExist
        return obj

    def get_objects(self, pks):
        return self._offered(super().get_objects(pks))


class RegistryChooserViewSet(ScopedChooserViewSet):
    def construct_view(self, view_class, **kwargs):
        if not issubclass(view_class, ScopedChooserMixin):
            view_class = type(view_class.__name__, (ScopedChooserMixin, view_class), {})
        view_class = type(view_class.__name__, (RegistryChooserMixin, view_class), {})
        return super().construct_view(view_class, **kwargs)


class MinorViewSet(SpreadsheetMixin, ScopedSnippetViewSet):
    model = Minor
    chooser_viewset_class = RegistryChooserViewSet
    icon = "user"
    menu_label = _("minors (信息档案)")
    url_prefix = "protection/minors"
    url_namespace = "protection_minors"
    # Identifiers never go back into the form: see protection.forms.
    edit_handler = ObjectList(Minor.panels, base_form_class=MinorForm)
    list_display = ["name", "sex", "birth_date", "masked_id", "township", "village"]
    list_filter = ["township", "sex", "categories", "tags"]
    index_view_class = find.MinorIndexView  # with the button to the ID-number search
    list_select_related = ["township", "village"]
    search_fields = ["name", "school", "current_address"]
    search_backend_name = None
    ordering = ["township__sort_order", "village__name", "name"]
    inspect_view_enabled = True
    history_view_class = records.ReadableHistoryView  # view-only roles read it too
    inspect_view_class = records.MinorInspectView
    inspect_view_fields = [
        "name",
        "sex",
        "birth_date",
        "id_number",
        "ethnicity",
        "household_registration",
        "current_address",
        "township",
        "village",
        "family",
        "school",
        "grade",
        "health",
        "disability",
        "categories",
        "tags",
        "notes",
    ]
    edit_view_class = records.LoggedEditView
    list_export = ["name", "sex", "birth_date", "masked_id", "township", "village", "school"]

    def get_queryset(self, request):
        # A merged record stays reachable from its survivor's page, not from the listing.
        return super().get_queryset(request).current()


class FamilyViewSet(SpreadsheetMixin, ScopedSnippetViewSet):
    model = Family
    chooser_viewset_class = RegistryChooserViewSet
    icon = "home"
    menu_label = _("families (家庭档案)")
    url_prefix = "protection/families"
    url_namespace = "protection_families"
    list_display = [
        "name",
        "township",
        "village",
        "is_problem_family",
        "is_poor_family",
        "low_income_status",
    ]
    list_filter = ["township", "is_problem_family", "is_poor_family", "low_income_status"]
    list_select_related = ["township", "village"]
    search_fields = ["name", "address"]
    search_backend_name = None
    ordering = ["township__sort_order", "village__name", "name"]
    inspect_view_enabled = True
    history_view_class = records.ReadableHistoryView  # view-only roles read it too
    list_export = [
        "name",
        "township",
        "village",
        "is_problem_family",
        "is_poor_family",
        "low_income_status",
    ]


class CaseViewSet(ScopedSnippetViewSet):
    model = Case
    chooser_viewset_class = RegistryChooserViewSet
    icon = "clipboard-list"
    menu_label = _("cases (个案服务档案)")
    url_prefix = "protection/cases"
    url_namespace = "protection_cases"
    # Category 6 needs the joint meeting's decision before service: see protection.forms.
    edit_handler = ObjectList(Case.panels, base_form_class=CaseForm)
    list_display = [
        "reference",
        "minor",
        "township_name",
        "status",
        "risk_level",
        "response_level",
        "opened_on",
    ]
    list_filter = [
        "status",
        "risk_level",
        "response_level",
        "source",
        "categories",
        "township",
    ]
    list_select_related = ["minor", "township", "assigned_worker"]
    search_fields = ["reference", "minor__name", "summary"]
    search_backend_name = None
    ordering = ["-opened_on", "-pk"]
    inspect_view_enabled = True
    history_view_class = records.ReadableHistoryView  # view-only roles read it too
    inspect_view_class = records.CaseInspectView
    inspect_view_fields = [
        "reference",
        "minor",
        "status",
        "opened_on",
        "source",
        "intake_report",
        "summary",
        "categories",
        "joint_meeting_on",
        "joint_meeting_reference",
        "joint_meeting_decision",
        "tags",
        "risk_level",
        "response_level",
        "assigned_worker",
        "departments",
        "closing_reason",
    ]
    edit_view_class = records.LoggedEditView
    index_view_class = records.LoggedExportIndexView
    export_headings = {"minor_id_number": _("minor's ID number")}
    list_export = [
        "reference",
        "minor",
        "minor_id_number",
        "township_name",
        "status",
        "risk_level",
        "response_level",
        "opened_on",
    ]


class IntakeViewSet(ScopedSnippetViewSet):
    model = IntakeReport
    chooser_viewset_class = RegistryChooserViewSet
    icon = "mail"
    menu_label = _("intake queue (待核实报告)")
    url_prefix = "protection/intake"
    url_namespace = "protection_intake"
    add_to_admin_menu = False
    list_display = ["receipt", "received_at", "township", "village", "reporter_kind", "status"]
    list_filter = ["status", "township", "reporter_kind"]
    list_select_related = ["township", "village"]
    search_fields = ["receipt", "location"]
    search_backend_name = None
    ordering = ["-received_at"]
    inspect_view_enabled = True
    history_view_class = records.ReadableHistoryView  # view-only roles read it too
    inspect_view_class = intake.IntakeInspectView
    list_export = ["receipt", "received_at", "township", "village", "reporter_kind", "status"]


class TargetCategoryViewSet(SnippetViewSet):
    model = TargetCategory
    icon = "tag"
    menu_label = _("target categories")
    url_prefix = "protection/categories"
    url_namespace = "protection_categories"
    list_display = ["number", "name", "needs_joint_meeting_decision"]
    ordering = ["number"]


class ClassificationTagViewSet(SnippetViewSet):
    model = ClassificationTag
    icon = "tag"
    menu_label = _("classification tags")
    url_prefix = "protection/tags"
    url_namespace = "protection_tags"
    list_display = ["name", "sort_order"]
    ordering = ["sort_order", "name"]


class RegistryGroup(SnippetViewSetGroup):
    menu_label = _("registries")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (
        IntakeViewSet,
        CaseViewSet,
        MinorViewSet,
        FamilyViewSet,
        TargetCategoryViewSet,
        ClassificationTagViewSet,
    )


@hooks.register("register_admin_viewset")
def register_organisation():
    return OrganisationGroup()


@hooks.register("register_admin_viewset")
def register_registries():
    return RegistryGroup()


@hooks.register("register_admin_urls")
def registry_urls():
    return [
        path(
            "protection/minors/<int:pk>/identifiers/",
            records.identifiers,
            name="protection_identifiers",
        ),
        path("protection/photos/<int:pk>/", records.photo, name="protection_photo"),
        path("protection/minors/find/", find.find_by_id_number, name="protection_minors_find"),
        path(
            "protection/intake/<int:pk>/open-case/",
            intake.open_case,
            name="protection_intake_open_case",
        ),
        path("protection/cases/<int:pk>/note/", records.add_note, name="protection_case_note"),
        path(
            "protection/cases/<int:pk>/status/<slug:name>/",
            records.transition,
            name="protection_case_transition",
        ),
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("protection.opened", _("Opened"), _("Opened the record"))
    actions.register_action(
        "protection.identifiers_viewed", _("Viewed identifiers"), _("Viewed the full identifiers")
    )
    actions.register_action("protection.case.note", _("Note added"), _("Added a case note"))
    actions.register_action(
        intake.OPENED_FROM_REPORT, _("Opened from a report"), _("Opened from a public report")
    )
    actions.register_action(
        intake.CASE_OPENED, _("Case opened"), _("Opened a case from this report")
    )
    from .lifecycle import TRANSITIONS

    for step in TRANSITIONS.values():
        actions.register_action(f"protection.case.{step.name}", step.label, step.label)


class ScopedDeleteBulkAction(DeleteBulkAction):
    """Wagtail's bulk delete, limited to the user's scope: "select all" means all within the
    scope, and an id outside it (a guessed URL) makes the whole request a 404."""

    models = [Minor, Family, Case, IntakeReport]

    def get_all_objects_in_listing_query(self, parent_id):
        return visible(self.model._default_manager.all(), self.request.user).values_list(
            "pk", flat=True
        )

    def get_actionable_objects(self):
        ids = {i for i in self.request.GET.getlist("id") if i != "all"}
        if ids:
            if not all(i.isdigit() for i in ids):
                raise Http404
            in_scope = visible(self.model._default_manager.filter(pk__in=ids), self.request.user)
            if in_scope.count() != len(ids):
                raise Http404
        return super().get_actionable_objects()


# Registered after Wagtail's own (order), so that it replaces bulk delete for these models.
hooks.register("register_bulk_action", ScopedDeleteBulkAction, order=100)


@hooks.register("construct_homepage_panels")
def registry_dashboard(request, panels):
    from .dashboard import construct_panels

    construct_panels(request, panels)


# The import log (lantian) follows the registries' jurisdiction: a file name may name a child.
hooks.register("lantian_import_log_scope", scope.visible_imports)
