"""Dashboard panels: the user's pinned queries with their counts (in the user's own scope),
and the tasks notification rules put on the user's (or the user's groups') dashboard."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import Component

from .. import queries
from ..models import DashboardTask, SavedQuery


def open_tasks(user):
    return DashboardTask.objects.filter(
        Q(user=user) | Q(group__in=user.groups.all()), done_at__isnull=True
    ).distinct()


class QueriesPanel(Component):
    name = "lowcode_queries"
    order = 40
    template_name = "lowcode/queries_panel.html"

    def __init__(self, user):
        self.user = user

    @cached_property
    def rows(self):
        rows = []
        for saved in SavedQuery.usable_by(self.user).filter(pinned_by=self.user):
            count = queries.count(saved, self.user)
            if count is not None:
                rows.append({"query": saved, "count": count, "url": queries.listing_url(saved)})
        return rows

    def get_context_data(self, parent_context=None):
        return {"rows": self.rows}

    def render_html(self, parent_context=None):
        if not self.rows:
            return ""
        return super().render_html(parent_context)


class TasksPanel(Component):
    name = "lowcode_tasks"
    order = 45
    template_name = "lowcode/tasks_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"tasks": list(open_tasks(self.user)[:20])}

    def render_html(self, parent_context=None):
        if not open_tasks(self.user).exists():
            return ""
        return super().render_html(parent_context)


@require_POST
def task_done(request, pk):
    task = open_tasks(request.user).filter(pk=pk).first()
    if task is None:
        raise Http404
    task.done_at = timezone.now()
    task.done_by = request.user
    task.save(update_fields=["done_at", "done_by"])
    return redirect("wagtailadmin_home")
