"""The spreadsheet columns of the protection registries (one django-import-export Resource each):
the Chinese headings of the import template, of the import and of the export.

The headings are the words the village archives use; they are source strings in English wrapped
in gettext like every other label, and the zh_Hans catalogue gives the Chinese."""

from django.utils.translation import gettext_lazy as _
from import_export.fields import Field

from lantian.imports.parsing import place_key
from lantian.imports.resources import RegistryResource
from lantian.imports.widgets import (
    BooleanWidget,
    ChoiceWidget,
    CompactWidget,
    IntegerWidget,
    TextWidget,
)

from .models import Department, Township


class TownshipResource(RegistryResource):
    name = Field("name", _("name"), widget=TextWidget())
    kind = Field("kind", _("kind"), widget=ChoiceWidget(Township.Kind.choices))
    sort_order = Field("sort_order", _("order"), widget=IntegerWidget())
    station_name = Field("station_name", _("guidance station"), widget=TextWidget())
    hotline = Field("hotline", _("hotline"), widget=CompactWidget())
    station_address = Field("station_address", _("station address"), widget=TextWidget())

    class Meta:
        model = Township
        fields = ("name", "kind", "sort_order", "station_name", "hotline", "station_address")
        import_id_fields = ("name",)

    def existing_by_key(self, keys):
        """乔楼 in a sheet is the township 乔楼镇: a row updates the township its name means,
        with or without the suffix, rather than adding a second one."""
        wanted = {place_key(k[0]): k for k in keys}
        found = {}
        for township in Township.objects.all():
            key = wanted.get(place_key(township.name))
            if key is not None:
                found[key] = township
        return found


class DepartmentResource(RegistryResource):
    name = Field("name", _("name"), widget=TextWidget())
    level = Field("level", _("level"), widget=ChoiceWidget(Department.Level.choices))
    sort_order = Field("sort_order", _("order"), widget=IntegerWidget())
    is_lead_office = Field("is_lead_office", _("leading-group office"), widget=BooleanWidget())

    class Meta:
        model = Department
        fields = ("name", "level", "sort_order", "is_lead_office")
        import_id_fields = ("name",)
