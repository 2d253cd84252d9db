"""Panels of the report form."""

from wagtail.admin.panels import Panel


class DutiesPanel(Panel):
    """The unit's duties as the seed lists them (六、职责分工), shown at the head of its report so
    the unit writes its work against them."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "programme/panels/duties.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            report = self.instance
            unit = getattr(report, "unit", None) if report.unit_id else None
            context["unit"] = unit
            context["duties"] = list(unit.department.duties.all()) if unit else []
            context["report"] = report
            return context
