"""Admin home panels of the registries, all within the user's scope: open cases by target
category and by township (server-side SVG bars: no chart library, nothing from another host),
cases by status, public reports waiting for verification, and my assigned cases."""

from django.db.models import Count
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.components import Component

from .models import Case, IntakeReport, Minor
from .scope import visible
from .states import case_status_choices

BAR_HEIGHT, GAP, LABEL_WIDTH, BAR_WIDTH = 18, 6, 130, 220


def bar_chart(rows, title):
    """[(label, count)] as an accessible SVG of horizontal bars, labels and counts as text."""
    peak = max((count for _label, count in rows), default=0) or 1
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
    ]
    for index, (label, count) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        length = round(BAR_WIDTH * count / peak)
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 13}" text-anchor="end" font-size="12" '
            f'fill="currentColor">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" '
            f'fill="#2e6fad"></rect>'
            f'<text x="{LABEL_WIDTH + length + 4}" y="{y + 13}" font-size="12" '
            f'fill="currentColor">{count}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every label is escaped above


class RegistryPanel(Component):
    name = "protection_registry"
    order = 50
    template_name = "protection/dashboard_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        cases = visible(Case.objects.all(), self.user)
        open_cases = cases.exclude(status=Case.Status.CLOSED)
        by_category = (
            open_cases.values("categories__name")
            .annotate(n=Count("pk", distinct=True))
            .order_by("categories__number")
        )
        by_township = (
            open_cases.values("township__name")
            .annotate(n=Count("pk"))
            .order_by("township__sort_order")
        )
        status_counts = dict(cases.values_list("status").annotate(n=Count("pk")))
        waiting = visible(
            IntakeReport.objects.filter(status=IntakeReport.Status.NEW), self.user
        ).select_related("township")
        return {
            "category_chart": bar_chart(
                # A report not yet verified has no category: say so rather than draw a dash.
                [(r["categories__name"] or _("not yet categorised"), r["n"]) for r in by_category],
                _("open cases by target category"),
            ),
            "township_chart": bar_chart(
                [(r["township__name"] or "-", r["n"]) for r in by_township],
                _("open cases by township"),
            ),
            "statuses": [
                (label, status_counts.get(value, 0)) for value, label in case_status_choices()
            ],
            "minor_count": visible(Minor.objects.current(), self.user).count(),
            "waiting_count": waiting.count(),
            "waiting": waiting[:5],
            "mine": open_cases.filter(assigned_worker=self.user).select_related("minor")[:10],
        }


def construct_panels(request, panels):
    if request.user.has_perm("protection.view_case"):
        panels.append(RegistryPanel(request.user))
