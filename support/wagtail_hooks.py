"""Admin screens of placements, assistance and the relief fund, in one menu group (救助与安置).
Every registry record goes through ScopedSnippetViewSet: outside the user's jurisdiction it
answers 404 in the listing, inspect, edit, delete, history, chooser and export alike."""

import django_filters
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.viewsets.base import ViewSet
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from protection.models import Township
from protection.views.scoped import LoggedOpeningMixin, ScopedSnippetViewSet

from . import timeline, views
from .forms import ScopedChoicesForm
from .models import Assistance, Placement, ReliefApplication, ReliefFund, ReliefPayment
from .models.common import city_today


def _form(model):
    return ObjectList(model.panels, base_form_class=ScopedChoicesForm)


# ---------------------------------------------------------------------------------------------
# Placements: the register of who is where today


class PlacementFilterSet(WagtailFilterSet):
    NOW, UPCOMING, ENDED = "now", "upcoming", "ended"
    when = django_filters.ChoiceFilter(
        label=_("placement status"),
        choices=[
            (NOW, _("placed today")),
            (UPCOMING, _("starting later")),
            (ENDED, _("ended")),
        ],
        method="filter_when",
        empty_label=_("all placements"),
    )
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Placement.Kind.choices)
    township = django_filters.ModelChoiceFilter(
        label=_("township"), field_name="minor__township", queryset=Township.objects.all()
    )

    class Meta:
        model = Placement
        fields = ["when", "kind", "township"]

    def filter_when(self, queryset, name, value):
        today = city_today()
        if value == self.NOW:
            return queryset.filter(
                Q(actual_end__isnull=True) | Q(actual_end__gt=today), start__lte=today
            )
        if value == self.UPCOMING:
            return queryset.filter(start__gt=today, actual_end__isnull=True)
        if value == self.ENDED:
            return queryset.filter(actual_end__lte=today)
        return queryset


class PlacementInspectView(LoggedOpeningMixin, snippet_views.InspectView):
    template_name = "support/placement_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reviews"] = self.object.reviews.all()
        return context


class PlacementViewSet(ScopedSnippetViewSet):
    model = Placement
    icon = "home"
    menu_label = _("placements (安置)")
    url_prefix = "support/placements"
    url_namespace = "support_placements"
    edit_handler = _form(Placement)
    add_view_class = views.PlacementCreateView
    filterset_class = PlacementFilterSet
    list_display = ["minor", "kind", "place", "township", "start", "planned_end", "actual_end"]
    list_select_related = ["minor", "minor__township", "case"]
    list_export = [
        "minor",
        "case",
        "kind",
        "place",
        "address",
        "start",
        "planned_end",
        "actual_end",
    ]
    search_fields = ["minor__name", "place"]
    search_backend_name = None  # icontains: the database backend does not segment Chinese
    ordering = ["-start", "-pk"]
    inspect_view_enabled = True
    inspect_view_class = PlacementInspectView
    edit_view_class = views.PlacementEditView
    inspect_view_fields = [
        "minor",
        "case",
        "kind",
        "place",
        "address",
        "start",
        "planned_end",
        "actual_end",
        "end_reason",
        "notes",
    ]

    @property
    def menu_url(self):
        """The menu opens the register on who is where today."""
        return reverse(self.get_url_name("list")) + "?when=now"


# ---------------------------------------------------------------------------------------------
# Assistance to families


class AssistanceViewSet(ScopedSnippetViewSet):
    model = Assistance
    icon = "pick"
    menu_label = _("assistance (帮扶)")
    url_prefix = "support/assistance"
    url_namespace = "support_assistance"
    edit_handler = _form(Assistance)
    list_display = ["family", "kind", "date", "provider", "amount", "description"]
    list_filter = ["kind", "family__township", "provider"]
    list_select_related = ["family", "provider"]
    list_export = ["family", "kind", "date", "provider", "amount", "description"]
    search_fields = ["family__name", "description"]
    search_backend_name = None
    ordering = ["-date", "-pk"]
    inspect_view_enabled = True


# ---------------------------------------------------------------------------------------------
# The relief fund


class ReliefApplicationViewSet(ScopedSnippetViewSet):
    model = ReliefApplication
    icon = "doc-full"
    menu_label = _("relief applications (救助基金申请)")
    url_prefix = "support/relief"
    url_namespace = "support_relief"
    edit_handler = _form(ReliefApplication)
    add_view_class = views.ReliefCreateView
    edit_view_class = views.ReliefEditView
    inspect_view_enabled = True
    inspect_view_class = views.ReliefInspectView
    inspect_view_fields = ["case", "minor", "fund", "placement", "reason", "amount", "status"]
    list_display = ["minor", "case", "fund", "amount", "approved_amount", "status", "applied_at"]
    list_filter = ["status", "fund", "case__minor__township"]
    list_select_related = ["minor", "case", "fund"]
    list_export = ["minor", "case", "fund", "amount", "approved_amount", "status", "applied_at"]
    search_fields = ["minor__name", "case__reference", "reason"]
    search_backend_name = None
    ordering = ["-applied_at", "-pk"]


class PaymentCreateView(snippet_views.CreateView):
    """Payments are recorded on an approved application, where the rules are checked."""

    def dispatch(self, request, *args, **kwargs):
        return redirect("support_payments_due:index")


class ReliefPaymentViewSet(ScopedSnippetViewSet):
    model = ReliefPayment
    icon = "success"
    menu_label = _("relief payments")
    url_prefix = "support/payments"
    url_namespace = "support_payments"
    add_view_class = PaymentCreateView
    list_display = ["application", "paid_on", "amount", "voucher", "recorded_by"]
    list_filter = ["application__fund", "application__case__minor__township"]
    list_select_related = ["application__minor", "application__fund", "recorded_by"]
    list_export = ["application", "paid_on", "amount", "voucher", "recorded_by"]
    ordering = ["-paid_on", "-pk"]
    inspect_view_enabled = True


class ReliefFundViewSet(SnippetViewSet):
    """The year's fund: city-wide, not scoped; only the city office and leadership see it."""

    model = ReliefFund
    icon = "table"
    menu_label = _("relief funds")
    url_prefix = "support/funds"
    url_namespace = "support_funds"
    list_display = ["__str__", "budget", "approved_total", "paid_total", "balance_total"]
    ordering = ["-year"]
    inspect_view_enabled = True


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class PaymentsDueViewSet(ViewSet):
    name = "support_payments_due"
    icon = "time"
    menu_label = _("relief payments due")
    url_prefix = "support/payments-due"
    url_namespace = "support_payments_due"

    def get_menu_item(self, order=None):
        return PermissionMenuItem(
            self.menu_label,
            reverse("support_payments_due:index"),
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=order or self.menu_order or 0,
            permission="support.view_reliefapplication",
        )

    def get_urlpatterns(self):
        return [path("", views.PaymentsDueView.as_view(), name="index")]


class SupportGroup(SnippetViewSetGroup):
    menu_label = _("placements and relief")
    menu_icon = "home"
    menu_order = 205
    items = (
        PlacementViewSet,
        AssistanceViewSet,
        ReliefApplicationViewSet,
        PaymentsDueViewSet,
        ReliefPaymentViewSet,
        ReliefFundViewSet,
    )


@hooks.register("register_admin_viewset")
def register_support():
    return SupportGroup()


@hooks.register("register_admin_urls")
def support_urls():
    return [
        path(
            "support/relief/<int:pk>/step/<slug:step>/",
            views.ReliefStepView.as_view(),
            name="support_relief_step",
        ),
        path(
            "support/relief/documents/<int:pk>/",
            views.document,
            name="support_relief_document",
        ),
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    for action, label in timeline.ACTIONS.items():
        actions.register_action(action, label, label)
    actions.register_action(
        "support.relief.document_opened", _("Document opened"), _("Opened a relief document")
    )


@hooks.register("construct_homepage_panels")
def relief_dashboard(request, panels):
    from .dashboard import construct_panels

    construct_panels(request, panels)
