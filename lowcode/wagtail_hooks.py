"""Admin screens of low-code administration, in one menu group: custom fields, notification
rules with their firings and dry run, the case lifecycle, and saved queries; the dashboard
panels of pinned queries and rule tasks."""

from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lantian.imports.admin import ReadOnlyPolicy

from . import values
from .models import CustomField, LifecycleState, LifecycleTransition, Rule, RuleFiring
from .views import dashboard, files, lifecycle, queries, rules
from .views.fields import ArchivingDeleteView, CustomFieldForm


class CustomFieldViewSet(SnippetViewSet):
    model = CustomField
    icon = "form"
    menu_label = _("custom fields")
    url_prefix = "lowcode/fields"
    url_namespace = "lowcode_fields"
    edit_handler = ObjectList(CustomField.panels, base_form_class=CustomFieldForm)
    delete_view_class = ArchivingDeleteView
    list_display = ["label_zh", "record_type", "kind", "required", "place", "archived"]
    list_filter = ["record_type", "kind", "archived"]
    search_fields = ["label_zh", "label_en"]
    search_backend_name = None
    ordering = ["record_type", "place", "sort_order"]


class RuleViewSet(SnippetViewSet):
    model = Rule
    icon = "mail"
    menu_label = _("notification rules")
    url_prefix = "lowcode/rules"
    url_namespace = "lowcode_rules"
    list_display = ["name", "trigger", "record_type", "enabled"]
    list_filter = ["trigger", "enabled"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["name"]
    inspect_view_enabled = True
    inspect_view_fields = [
        *(field.name for field in Rule._meta.fields if field.name != "id"),
        "townships",
        "categories",
        "tags",
        "conditions_text",
    ]
    edit_view_class = rules.ChangeLoggedEditView


# A firing is a record of what happened: nobody adds, edits or deletes one by hand.
register_permission_policy(RuleFiring, ReadOnlyPolicy(RuleFiring))


class RuleFiringViewSet(SnippetViewSet):
    model = RuleFiring
    icon = "history"
    menu_label = _("rule firings")
    url_prefix = "lowcode/firings"
    url_namespace = "lowcode_firings"
    list_display = [
        "rule",
        "event",
        BooleanColumn("dry_run", label=_("dry run")),
        "told",
        "fired_at",
    ]
    list_filter = ["rule", "dry_run"]
    ordering = ["-fired_at"]
    inspect_view_enabled = True
    inspect_view_fields = ["rule", "event", "dry_run", "told", "actions", "fired_at"]

    def get_queryset(self, request):
        return RuleFiring.objects.select_related("rule", "event")


class StateViewSet(SnippetViewSet):
    model = LifecycleState
    icon = "list-ol"
    menu_label = _("case states")
    url_prefix = "lowcode/states"
    url_namespace = "lowcode_states"
    list_display = ["label_zh", "key", "label_en", "is_closed", "sort_order"]
    ordering = ["sort_order"]
    edit_view_class = rules.ChangeLoggedEditView


class TransitionViewSet(SnippetViewSet):
    model = LifecycleTransition
    icon = "arrow-right"
    menu_label = _("case transitions")
    url_prefix = "lowcode/transitions"
    url_namespace = "lowcode_transitions"
    list_display = ["label_zh", "name", "target", "permission", "comment_required", "enabled"]
    ordering = ["sort_order"]
    edit_view_class = rules.ChangeLoggedEditView

    def get_form_class(self, for_update=False):
        return lifecycle.transition_form(super().get_form_class(for_update))


class LowcodeGroup(SnippetViewSetGroup):
    menu_label = _("low-code administration")
    menu_icon = "cogs"
    menu_order = 900
    items = (CustomFieldViewSet, RuleViewSet, RuleFiringViewSet, StateViewSet, TransitionViewSet)

    def get_submenu_items(self):
        return [
            *super().get_submenu_items(),
            PermissionMenuItem(
                "lowcode.change_rule",
                _("try rules (dry run)"),
                reverse_lazy("lowcode_dry_run"),
                icon_name="resubmit",
            ),
            PermissionMenuItem(
                "lowcode.change_lifecyclestate",
                _("case lifecycle"),
                reverse_lazy("lowcode_lifecycle"),
                icon_name="list-ol",
            ),
        ]


class PermissionMenuItem(MenuItem):
    def __init__(self, permission, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_viewset")
def register_lowcode():
    return LowcodeGroup()


@hooks.register("register_admin_menu_item")
def saved_queries_menu_item():
    return MenuItem(
        _("saved queries"),
        reverse_lazy("lowcode_queries"),
        icon_name="folder-open-inverse",
        order=205,
    )


@hooks.register("register_admin_urls")
def lowcode_urls():
    return [
        path("lowcode/queries/", queries.my_queries, name="lowcode_queries"),
        path("lowcode/queries/save/", queries.save_query, name="lowcode_save_query"),
        path("lowcode/queries/<int:pk>/", queries.edit_query, name="lowcode_query_edit"),
        path(
            "lowcode/queries/<int:pk>/<slug:action>/",
            queries.change_query,
            name="lowcode_query_change",
        ),
        path("lowcode/dry-run/", rules.dry_run, name="lowcode_dry_run"),
        path("lowcode/tasks/<int:pk>/done/", dashboard.task_done, name="lowcode_task_done"),
        path("lowcode/lifecycle/", lifecycle.overview, name="lowcode_lifecycle"),
        path("lowcode/files/<int:pk>/", files.custom_file, name="lowcode_custom_file"),
    ]


@hooks.register("construct_homepage_panels")
def lowcode_panels(request, panels):
    panels.append(dashboard.QueriesPanel(request.user))
    panels.append(dashboard.TasksPanel(request.user))


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(values.CHANGED, _("Custom fields changed"), _("Changed custom fields"))
    actions.register_action("lowcode.rule_fired", _("Rule fired"), _("A notification rule fired"))
    actions.register_action(rules.EDITED)(rules.ChangesFormatter)
    actions.register_action(
        "lowcode.case.transition", _("Status changed"), _("Changed the case's status")
    )
