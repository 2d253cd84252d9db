"""Admin screens of case work: one menu group, 个案工作, with referrals between departments and
guardianship interventions. Both viewsets are ScopedSnippetViewSets: every view goes through
protection.scope, so a record outside the user's jurisdiction answers 404."""

from django import forms
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from protection.views.scoped import ScopedSnippetViewSet

from . import views
from .forms import InterventionForm, ReferralForm
from .models import Intervention, Referral
from .referrals import STEPS


class ReferralViewSet(ScopedSnippetViewSet):
    model = Referral
    icon = "resubmit"
    menu_label = _("referrals (转介)")
    url_prefix = "casework/referrals"
    url_namespace = "casework_referrals"
    index_view_class = views.NoEditIndexView
    add_view_class = views.ReferralCreateView
    edit_view_class = views.ReferralEditView
    # A copy would be a referral never sent (no number's "sent" entry, no sender): only the add
    # form sends one, through casework.referrals.send.
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_class = views.ReferralInspectView
    inspect_view_fields = [
        "reference",
        "case",
        "department",
        "status",
        "requested_service",
        "due_date",
        "access_until",
        "sent_by",
        "sent_at",
        "answered_at",
        "answer",
        "outcome",
        "closed_at",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("case"),
            # A plain list: the units are few, and a chooser pop-up is a click too many.
            FieldPanel("department", widget=forms.Select),
            FieldPanel("requested_service"),
            FieldPanel("reason"),
            FieldPanel("legal_basis"),
            FieldRowPanel([FieldPanel("due_date"), FieldPanel("access_until")]),
            FieldPanel("shared_fields"),
        ],
        base_form_class=ReferralForm,
    )
    # No minor's name in the listing: a liaison's list outlives the referral's access.
    list_display = ["reference", "case", "department", "status", "due_date", "sent_at"]
    list_filter = ["status", "department"]
    list_select_related = ["case", "department"]
    search_fields = ["reference", "case__reference", "requested_service"]
    search_backend_name = None  # icontains: the database backend does not segment Chinese
    ordering = ["-sent_at", "-pk"]


class InterventionViewSet(ScopedSnippetViewSet):
    model = Intervention
    icon = "warning"
    menu_label = _("guardianship interventions (监护干预)")
    url_prefix = "casework/interventions"
    url_namespace = "casework_interventions"
    index_view_class = views.NoEditIndexView
    add_view_class = views.InterventionCreateView
    inspect_view_enabled = True
    inspect_view_class = views.InterventionInspectView
    inspect_view_fields = [
        "case",
        "family",
        "concern",
        "opened_on",
        "opened_by",
        "stage",
        "status",
        "closing_note",
    ]
    edit_handler = ObjectList(
        [FieldPanel("case"), FieldPanel("family"), FieldPanel("concern"), FieldPanel("opened_on")],
        base_form_class=InterventionForm,
    )
    list_display = ["case", "minor_name", "stage", "status", "opened_on"]
    list_filter = ["status", "stage"]
    list_select_related = ["case", "case__minor"]
    search_fields = ["case__reference", "case__minor__name"]
    search_backend_name = None
    ordering = ["-opened_on", "-pk"]


class CaseworkGroup(SnippetViewSetGroup):
    menu_label = _("case work")
    menu_icon = "clipboard-list"
    menu_order = 205
    items = (ReferralViewSet, InterventionViewSet)


@hooks.register("register_admin_viewset")
def register_casework():
    return CaseworkGroup()


@hooks.register("register_admin_urls")
def casework_urls():
    return [
        path(
            "casework/referrals/<int:pk>/step/<slug:name>/",
            views.referral_step,
            name="casework_referral_step",
        ),
        path(
            "casework/interventions/<int:pk>/step/",
            views.intervention_step,
            name="casework_intervention_step",
        ),
        path(
            "casework/interventions/<int:pk>/close/",
            views.intervention_close,
            name="casework_intervention_close",
        ),
        path(
            "casework/steps/<int:pk>/outcome/",
            views.step_outcome,
            name="casework_step_outcome",
        ),
        path("casework/documents/<int:pk>/", views.document, name="casework_document"),
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("casework.referral.sent", _("Referral sent"), _("Sent the referral"))
    for step in STEPS.values():
        actions.register_action(f"casework.referral.{step.name}", step.label, step.label)
    for name, label in [
        ("step", _("Intervention step recorded")),
        ("escalate", _("Intervention escalated")),
        ("outcome", _("Intervention outcome recorded")),
        ("document", _("Intervention document added")),
        ("downloaded", _("Intervention document downloaded")),
        ("close", _("Intervention closed")),
    ]:
        actions.register_action(f"casework.intervention.{name}", label, label)


@hooks.register("construct_homepage_panels")
def casework_dashboard(request, panels):
    from .dashboard import construct_panels

    construct_panels(request, panels)
