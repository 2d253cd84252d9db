"""The review queue of information comparison (信息比对) in the admin menu, and the history
actions its decisions write."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import CandidatePair
from .views import (
    CompareListView,
    ListDownloadView,
    ListProgressView,
    QueueIndexView,
    ReviewView,
    RunView,
)


class QueuePolicy(ModelPermissionPolicy):
    """Pairs are found by comparison, never added or edited by hand: one may view them, and
    with ``decide_candidatepair`` decide on them."""

    ACTIONS = {"view", "decide"}

    def user_has_permission(self, user, action):
        return action in self.ACTIONS and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a in self.ACTIONS])


class CandidatePairViewSet(ModelViewSet):
    model = CandidatePair
    icon = "resubmit"
    menu_label = _("information comparison (信息比对)")
    menu_order = 205
    add_to_admin_menu = True
    url_prefix = "comparison"
    url_namespace = "comparison_queue"
    add_to_reference_index = False
    index_view_class = QueueIndexView
    list_display = ["pair_label", "score", "agreeing_fields", "status", "source", "found_at"]
    list_filter = ["status", "source"]
    ordering = ["-score", "pk"]
    form_fields = ["status"]  # never shown: the policy allows no add or edit

    def get_permissions_to_register(self):
        from django.contrib.auth.models import Permission
        from django.contrib.contenttypes.models import ContentType

        content_type = ContentType.objects.get_for_model(self.model)
        return Permission.objects.filter(
            content_type=content_type,
            codename__in=["view_candidatepair", "decide_candidatepair"],
        )

    def get_urlpatterns(self):
        # Only the queue, the review, the run and a department's list: no add, edit, delete or
        # history of pairs.
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", ReviewView.as_view(viewset=self), name="review"),
            path("run/", RunView.as_view(viewset=self), name="run"),
            path("lists/", CompareListView.as_view(viewset=self), name="compare_list"),
            path("lists/<int:pk>/", ListProgressView.as_view(viewset=self), name="list"),
            path(
                "lists/<int:pk>/download/",
                ListDownloadView.as_view(viewset=self),
                name="list_download",
            ),
        ]

    @property
    def url_finder_class(self):
        from wagtail.admin.admin_url_finder import ModelAdminURLFinder

        return type(
            "QueueURLFinder", (ModelAdminURLFinder,), {"edit_url_name": "comparison_queue:review"}
        )


register_permission_policy(CandidatePair, QueuePolicy(CandidatePair))


@hooks.register("lantian_compare_in_background")
def compare_minor_list_in_background(request, resource, upload):
    """For the minor listing's "compare a list" screen (lantian.imports), which lantian cannot
    send here itself (it imports no app): a list of minors too large for the request is
    compared in the background; the answer is the address of its progress page, or None for
    a small list or another registry."""
    from protection.models import Minor

    from . import lists

    if resource._meta.model is not Minor or not lists.in_background(upload):
        return None
    comparison = lists.start(request.user, upload)
    return reverse("comparison_queue:list", args=[comparison.pk])


@hooks.register("register_admin_viewset")
def register_queue():
    return CandidatePairViewSet()


@hooks.register("register_log_actions")
def register_comparison_actions(actions):
    actions.register_action(
        "comparison.merge", _("Merged (same child)"), _("Confirmed as the same child and merged")
    )
    actions.register_action(
        "comparison.merged_into", _("Merged into another record"), _("Merged into another record")
    )
    actions.register_action("comparison.unmerge", _("Merge undone"), _("Undid the merge"))
    actions.register_action(
        "comparison.different", _("Different children"), _("Marked as different children")
    )
    actions.register_action("comparison.reopen", _("Reviewed again"), _("Put back in the queue"))
