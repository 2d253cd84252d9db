"""Spreadsheet exports: one Resource per table is the single definition of its columns, with
Chinese headings, so the quarter's xlsx and the assessment table always say the same thing as the
screens."""

from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import resources
from import_export.fields import Field

from .figures import FIGURES


def _when(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


class QuarterlyReportResource(resources.Resource):
    """One row per unit: status, timing, the text and every figure (confirmed value)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        columns = [
            ("unit", _("unit"), lambda r: r.unit.name),
            ("quarter", _("quarter"), lambda r: str(r.reporting_quarter)),
            ("status", _("status"), lambda r: str(r.get_status_display())),
            ("submitted_at", _("submitted at"), lambda r: _when(r.submitted_at)),
            ("late", _("filed late"), lambda r: _("yes") if r.filed_late else ""),
            ("work_done", _("work done"), lambda r: r.work_done),
            ("problems", _("problems"), lambda r: r.problems),
            ("plans", _("plans"), lambda r: r.plans),
            ("review_comment", _("office's comments"), lambda r: r.review_comment),
        ]
        for figure in FIGURES:
            columns.append(
                (f"figure_{figure.key}", str(figure.label), self._figure_getter(figure.key))
            )
        self.fields = {}
        for name, heading, getter in columns:
            self.fields[name] = Field(column_name=heading, dehydrate_method=getter)

    @staticmethod
    def _figure_getter(key):
        def get(report):
            for figure in report.figures.all():  # prefetched
                if figure.key == key:
                    return figure.reported_value
            return None

        return get

    def get_export_order(self):
        return tuple(self.fields)


class AssessmentResource(resources.Resource):
    """The ranked table: rank, unit, one column per indicator, total, verdict and reason."""

    def __init__(self, indicators, **kwargs):
        super().__init__(**kwargs)
        self.fields = {
            "rank": Field(column_name=_("rank"), dehydrate_method=lambda a: a.rank),
            "unit": Field(column_name=_("unit"), dehydrate_method=lambda a: a.unit.name),
        }
        for indicator in indicators:
            self.fields[f"indicator_{indicator.pk}"] = Field(
                column_name=f"{indicator.name}（{indicator.max_score}）",
                dehydrate_method=self._score_getter(indicator.pk),
            )
        self.fields["total"] = Field(column_name=_("total"), dehydrate_method=lambda a: a.total)
        self.fields["verdict"] = Field(
            column_name=_("commendation or criticism"),
            dehydrate_method=lambda a: str(a.get_verdict_display()) if a.verdict else "",
        )
        self.fields["reason"] = Field(column_name=_("reason"), dehydrate_method=lambda a: a.reason)

    @staticmethod
    def _score_getter(indicator_pk):
        def get(assessment):
            for score in assessment.scores.all():  # prefetched
                if score.indicator_id == indicator_pk:
                    return score.score
            return None

        return get

    def get_export_order(self):
        return tuple(self.fields)


def xlsx_response(dataset, filename):
    response = HttpResponse(
        dataset.export("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
