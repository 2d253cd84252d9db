"""The read-only log of imports and exports in the admin (设置 → 导入导出记录), and the history
actions an import writes."""

from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from lantian.models import ExportRecord, ImportRecord


class ReadOnlyPolicy(ModelPermissionPolicy):
    """A log is read, never written by hand."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self.user_has_permission(user, "view")

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(["view"])


def scoped_imports(queryset, user):
    """The imports of queryset this user may see in the log. A file name may name a child, so the
    log follows the registries' jurisdiction; the rule belongs to the app that defines it
    (protection registers it as the hook lantian_import_log_scope), since lantian imports no app."""
    for scope in hooks.get_hooks("lantian_import_log_scope"):
        queryset = scope(queryset, user)
    return queryset


class ScopedImportIndexView(IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("user", "content_type")
        return scoped_imports(queryset.defer("content"), self.request.user)


class ScopedImportInspectView(InspectView):
    """An import outside the user's scope answers 404, also by a guessed URL."""

    def get_object(self, queryset=None):
        return get_object_or_404(
            scoped_imports(ImportRecord.objects.all(), self.request.user), pk=unquote(str(self.pk))
        )


class ImportRecordViewSet(ModelViewSet):
    model = ImportRecord
    icon = "upload"
    menu_label = _("spreadsheet imports")
    url_prefix = "lantian/imports"
    url_namespace = "lantian_imports"
    list_display = ["file_name", "registry_name", "user", "status", "total_rows", "created_at"]
    list_filter = ["status", "content_type"]
    search_fields = ["file_name"]
    ordering = ["-created_at"]
    inspect_view_enabled = True
    form_fields = ["message"]  # never shown: the policy allows no add or edit
    inspect_view_fields = [
        "file_name",
        "content_type",
        "user",
        "status",
        "created_at",
        "finished_at",
        "total_rows",
        "counts",
        "message",
    ]

    index_view_class = ScopedImportIndexView
    inspect_view_class = ScopedImportInspectView


class ExportLogIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "content_type")


class ExportRecordViewSet(ModelViewSet):
    model = ExportRecord
    icon = "download"
    menu_label = _("spreadsheet exports")
    url_prefix = "lantian/exports"
    url_namespace = "lantian_exports"
    list_display = ["content_type", "user", "file_format", "row_count", "filters", "created_at"]
    list_filter = ["file_format", "content_type", "masked"]
    form_fields = ["filters"]  # never shown: the policy allows no add or edit
    ordering = ["-created_at"]
    index_view_class = ExportLogIndexView


class SpreadsheetLogGroup(ModelViewSetGroup):
    menu_label = _("imports and exports")
    menu_icon = "list-ul"
    menu_order = 900
    items = (ImportRecordViewSet, ExportRecordViewSet)


def register_hooks():
    register_permission_policy(ImportRecord, ReadOnlyPolicy(ImportRecord))
    register_permission_policy(ExportRecord, ReadOnlyPolicy(ExportRecord))

    @hooks.register("register_admin_viewset")
    def register_spreadsheet_log():
        return SpreadsheetLogGroup()

    @hooks.register("register_log_actions")
    def register_import_actions(actions):
        actions.register_action(
            "lantian.import", _("Spreadsheet import"), _("Imported rows from a spreadsheet")
        )
