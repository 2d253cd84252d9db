"""The spreadsheet columns of home visits (one django-import-export Resource): a village's visit
log (走访记录表) imports into the cases it names, keyed on the case number and the visit date,
so that a sheet imported twice updates its visits instead of adding them again."""

import datetime
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import widgets
from import_export.fields import Field

from lantian.imports.parsing import clean_compact
from lantian.imports.resources import RegistryResource
from lantian.imports.widgets import ChoiceWidget, DateWidget, TextWidget
from protection.models import Case
from protection.scope import visible

from . import due
from .models import HomeVisit, VisitorRole
from .models.visits import check_visit_date


class CaseWidget(widgets.Widget):
    """A case by its number (GA-2026-000123), among the cases the importing user may see: a
    number outside the jurisdiction reads exactly like one that does not exist."""

    hint = "GA-2026-000123"

    def __init__(self, **kwargs):
        self.user = None
        self._table = None
        super().__init__(**kwargs)

    def table(self):
        if self._table is None:
            cases = visible(Case.objects.all(), self.user) if self.user else Case.objects.none()
            self._table = {
                reference: (pk, opened_on)
                for reference, pk, opened_on in cases.values_list("reference", "pk", "opened_on")
            }
        return self._table

    def clean(self, value, row=None, **kwargs):
        text = clean_compact(value).upper()
        if not text:
            return None
        found = self.table().get(text)
        if found is None:
            raise ValueError(_("no case with this number in your jurisdiction"))
        return Case(pk=found[0], reference=text, opened_on=found[1])

    def render(self, value, obj=None, **kwargs):
        return value.reference if value else ""


class TimeWidget(widgets.Widget):
    """14:30, 14点30, or an Excel time (a fraction of a day); empty when not known."""

    hint = "14:30"

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime.datetime):
            return value.time().replace(microsecond=0)
        if isinstance(value, datetime.time):
            return value
        if isinstance(value, int | float) and 0 <= value < 1:
            seconds = round(value * 86400)
            return datetime.time(seconds // 3600, seconds % 3600 // 60)
        text = clean_compact(value)
        match = re.fullmatch(r"(\d{1,2})[:：点时](\d{1,2})?分?(?::(\d{1,2}))?", text)
        if match:
            hour, minute = int(match.group(1)), int(match.group(2) or 0)
            if hour < 24 and minute < 60:
                return datetime.time(hour, minute)
        raise ValueError(_("not a time; write it as 14:30"))

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%H:%M") if value else ""


class HomeVisitResource(RegistryResource):
    case = Field("case", gettext_lazy("case number"), widget=CaseWidget())
    visited_on = Field("visited_on", gettext_lazy("visit date"), widget=DateWidget())
    visited_time = Field("visited_time", gettext_lazy("visit time"), widget=TimeWidget())
    visitor_name = Field("visitor_name", gettext_lazy("visitor"), widget=TextWidget())
    visitor_role = Field(
        "visitor_role", gettext_lazy("visitor's role"), widget=ChoiceWidget(VisitorRole.choices)
    )
    kind = Field("kind", gettext_lazy("kind of visit"), widget=ChoiceWidget(HomeVisit.Kind.choices))
    mode = Field("mode", gettext_lazy("visit mode"), widget=ChoiceWidget(HomeVisit.Mode.choices))
    people_seen = Field("people_seen", gettext_lazy("who was seen"), widget=TextWidget())
    findings = Field("findings", gettext_lazy("what was found"), widget=TextWidget())
    guardianship_assessment = Field(
        "guardianship_assessment",
        gettext_lazy("guardianship assessment"),
        widget=ChoiceWidget(HomeVisit.Assessment.choices),
    )
    next_actions = Field("next_actions", gettext_lazy("next actions"), widget=TextWidget())

    class Meta:
        model = HomeVisit
        fields = (
            "case",
            "visited_on",
            "visited_time",
            "visitor_name",
            "visitor_role",
            "kind",
            "mode",
            "people_seen",
            "findings",
            "guardianship_assessment",
            "next_actions",
        )
        import_id_fields = ("case", "visited_on")

    def __init__(self, user=None, **kwargs):
        super().__init__(user=user, **kwargs)
        self.fields["case"].widget.user = user

    def get_queryset(self):
        return visible(HomeVisit.objects.select_related("case"), self.user)

    def lookup_scope(self):
        """The cases this user may record visits for: the case column looks them up among
        these. Read only when the case table is small enough to be fingerprinted at all."""
        cases = visible(Case.objects.order_by("pk"), self.user).values_list("pk", flat=True)
        return ",".join(map(str, cases))

    def existing_by_key(self, keys):
        """Visits by (case, date), read for the cases of the file only."""
        found = {}
        case_ids = sorted({case_id for case_id, _day in keys})
        wanted = set(keys)
        for start in range(0, len(case_ids), 500):
            chunk = case_ids[start : start + 500]
            for visit in self.get_queryset().filter(case_id__in=chunk):
                key = (visit.case_id, visit.visited_on)
                if key in wanted:
                    found[key] = visit
        return found

    def validate_row(self, values):
        message = check_visit_date(values.get("case"), values.get("visited_on"))
        return {"visited_on": message} if message else {}

    def after_bulk_write(self, created, updated):
        """Bulk writes skip the signals: refresh the due dates of the cases touched."""
        due.refresh({visit.case_id for visit in (*created, *updated)})
