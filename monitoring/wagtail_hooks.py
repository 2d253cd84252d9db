"""Admin screens of monitoring, in one menu group 走访与快速响应: home visits (scoped, with
spreadsheet import and logged export), the visits-due list with the rapid-response state of
each case (scoped, read-only), and the two rule tables the city office edits."""

import django_filters
from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.widgets.button import ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from lantian.imports.viewsets import SpreadsheetMixin
from protection.models import Case, Township, Village
from protection.scope import visible
from protection.views.scoped import ScopedSnippetViewSet

from . import due, response, views
from .forms import HomeVisitForm
from .models import CaseMonitoring, HomeVisit, ResponseRule, VisitRule


class HomeVisitViewSet(SpreadsheetMixin, ScopedSnippetViewSet):
    model = HomeVisit
    icon = "doc-full"
    menu_label = _("home visits (走访记录)")
    url_prefix = "monitoring/visits"
    url_namespace = "monitoring_visits"
    edit_handler = ObjectList(HomeVisit.panels, base_form_class=HomeVisitForm)
    add_view_class = views.VisitCreateView
    edit_view_class = views.VisitEditView
    inspect_view_class = views.VisitInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "__str__",
        "visitor_name",
        "visitor_role",
        "kind",
        "mode",
        "guardianship_assessment",
    ]
    list_filter = [
        "kind",
        "visitor_role",
        "mode",
        "guardianship_assessment",
        "case__minor__township",
    ]
    list_select_related = ["case"]
    search_fields = ["case__reference", "visitor_name", "people_seen"]
    search_backend_name = None  # icontains: the database backend does not segment Chinese
    ordering = ["-visited_on", "-pk"]
    inspect_view_fields = [
        "case",
        "visited_on",
        "visited_time",
        "visitor_name",
        "visitor_role",
        "visitor",
        "kind",
        "mode",
        "people_seen",
        "findings",
        "guardianship_assessment",
        "next_actions",
        "created_at",
    ]


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The visits-due rows are computed (monitoring.due): users may look, nobody may add, edit
    or delete them, not even a superuser."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, "view")

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")


register_permission_policy(CaseMonitoring, ReadOnlyPolicy(CaseMonitoring), exact_class=True)

DUE_CHOICES = [
    ("overdue", _("overdue")),
    ("soon", _("due within 7 days")),
    ("breach", _("response deadline missed")),
    ("waiting", _("waiting for a first response")),
]


def _workers(request):
    """Only the workers of cases the user may see, not every account of the system."""
    from django.contrib.auth import get_user_model

    if request is None:
        return get_user_model().objects.none()
    rows = visible(CaseMonitoring.objects.all(), request.user)
    return get_user_model().objects.filter(
        pk__in=rows.exclude(assigned_worker=None).values("assigned_worker")
    )


class MonitoringFilterSet(WagtailFilterSet):
    due = django_filters.ChoiceFilter(
        label=_("visit or response"), choices=DUE_CHOICES, method="filter_due"
    )
    township = django_filters.ModelChoiceFilter(
        label=_("township"), queryset=Township.objects.all()
    )
    village = django_filters.ModelChoiceFilter(
        label=_("village"), queryset=Village.objects.select_related("township")
    )
    assigned_worker = django_filters.ModelChoiceFilter(
        label=_("assigned worker"), queryset=_workers
    )
    closed = django_filters.BooleanFilter(label=_("include closed cases"), method="filter_closed")

    class Meta:
        model = CaseMonitoring
        fields = ["due", "township", "village", "assigned_worker"]

    def filter_due(self, queryset, name, value):
        if value == "overdue":
            return due.overdue(queryset)
        if value == "soon":
            return due.due_soon(queryset)
        if value == "breach":
            return response.breaches(queryset)
        if value == "waiting":
            return queryset.filter(
                Q(first_response_at__isnull=True) & Q(response_deadline__isnull=False)
            )
        return queryset

    def filter_closed(self, queryset, name, value):
        return queryset  # applied in qs, because "not ticked" must filter too

    @property
    def qs(self):
        """Open cases only, unless closed ones are asked for."""
        queryset = super().qs
        if not getattr(self.form, "cleaned_data", {}).get("closed"):
            queryset = queryset.filter(is_open=True)
        return queryset


class CaseMonitoringViewSet(ScopedSnippetViewSet):
    model = CaseMonitoring
    icon = "time"
    menu_label = _("visits due and response (待走访与响应)")
    url_prefix = "monitoring/due"
    url_namespace = "monitoring_due"
    filterset_class = MonitoringFilterSet
    list_display = [
        "case_reference",
        "township",
        "village",
        "assigned_worker",
        "last_visit_on",
        "due_state",
        "response_state",
    ]
    list_select_related = ["case", "township", "village", "assigned_worker"]
    search_fields = ["case__reference"]
    search_backend_name = None
    ordering = ["next_due_on", "case_id"]
    inspect_view_enabled = True
    inspect_view_class = views.MonitoringInspectView
    copy_view_enabled = False
    inspect_view_fields = [
        "case",
        "township",
        "village",
        "assigned_worker",
        "last_visit_on",
        "due_state",
        "due_rule",
        "reported_at",
        "response_deadline",
        "first_response_at",
        "response_hours",
        "response_state",
    ]


class VisitRuleViewSet(SnippetViewSet):
    model = VisitRule
    icon = "date"
    menu_label = _("visit rules")
    url_prefix = "monitoring/visit-rules"
    url_namespace = "monitoring_visit_rules"
    list_display = [
        "name",
        "risk_level",
        "response_level",
        "category",
        "visitor_role",
        "interval_days",
        "active",
    ]
    list_filter = ["active", "risk_level", "visitor_role"]
    ordering = ["interval_days", "name"]


class ResponseRuleViewSet(SnippetViewSet):
    model = ResponseRule
    icon = "warning"
    menu_label = _("response deadlines")
    url_prefix = "monitoring/response-rules"
    url_namespace = "monitoring_response_rules"
    list_display = ["__str__", "response_level", "risk_level", "hours"]
    list_filter = ["response_level", "risk_level"]
    ordering = ["response_level", "risk_level"]


class MonitoringGroup(SnippetViewSetGroup):
    menu_label = _("visits and response (走访与响应)")
    menu_icon = "time"
    menu_order = 205
    items = (CaseMonitoringViewSet, HomeVisitViewSet, VisitRuleViewSet, ResponseRuleViewSet)


@hooks.register("register_admin_viewset")
def register_monitoring():
    return MonitoringGroup()


@hooks.register("register_admin_urls")
def monitoring_urls():
    return [
        path(
            "monitoring/attachments/<int:pk>/",
            views.attachment,
            name="monitoring_attachment",
        )
    ]


@hooks.register("register_snippet_listing_buttons")
def case_monitoring_button(snippet, user, next_url=None):
    """Each row of the case listing links to the case's visits due and response."""
    if isinstance(snippet, Case) and user.has_perm("monitoring.view_casemonitoring"):
        yield ListingButton(
            _("Visits and response"),
            url=reverse("monitoring_due:inspect", args=[snippet.pk]),
            icon_name="time",
            priority=60,
        )


@hooks.register("construct_homepage_panels")
def monitoring_dashboard(request, panels):
    from .dashboard import construct_panels

    construct_panels(request, panels)
