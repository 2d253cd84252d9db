"""The campaign calendar in the admin: what runs in a month, by channel, and its export.

A placement runs in a month when its dates overlap the month. The export is a
django-import-export Resource so that its columns (Chinese headings) are defined once."""

import calendar
import datetime

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from import_export import fields, resources
from import_export.formats.base_formats import XLSX
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import CampaignPlacement, Channel


def can_see_campaigns(user):
    return user.has_perm("content.view_publicitycampaign")


def month_bounds(value):
    """First and last day of the month given as YYYY-MM; this month if the value is bad."""
    try:
        first = datetime.datetime.strptime(value or "", "%Y-%m").date()
    except ValueError:
        first = timezone.localdate().replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return first, last


def placements_in(first, last):
    return (
        CampaignPlacement.objects.filter(starts_on__lte=last, ends_on__gte=first)
        .select_related("campaign")
        .order_by("channel", "starts_on", "pk")
    )


class PlacementResource(resources.ModelResource):
    campaign = fields.Field(attribute="campaign__theme", column_name=_("campaign"))
    status = fields.Field(column_name=_("status"))
    channel = fields.Field(column_name=_("channel"))
    outlet = fields.Field(attribute="outlet", column_name=_("media outlet"))
    starts_on = fields.Field(attribute="starts_on", column_name=_("from"))
    ends_on = fields.Field(attribute="ends_on", column_name=_("to"))
    description = fields.Field(attribute="description", column_name=_("what"))
    reach = fields.Field(attribute="reach", column_name=_("reach"))
    events_held = fields.Field(attribute="events_held", column_name=_("events held"))
    people_reached = fields.Field(attribute="people_reached", column_name=_("people reached"))

    class Meta:
        model = CampaignPlacement
        fields = (
            "campaign",
            "status",
            "channel",
            "outlet",
            "starts_on",
            "ends_on",
            "description",
            "reach",
            "events_held",
            "people_reached",
        )

    def dehydrate_status(self, placement):
        return placement.campaign.get_status_display()

    def dehydrate_channel(self, placement):
        return placement.get_channel_display()


class CampaignCalendarView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "content/admin/campaign_calendar.html"
    page_title = _("Campaign calendar")
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_campaigns(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        self.first, self.last = month_bounds(request.GET.get("month"))
        if request.GET.get("export") == "xlsx":
            return self.export()
        return super().get(request, *args, **kwargs)

    def export(self):
        dataset = PlacementResource().export(placements_in(self.first, self.last))
        response = HttpResponse(XLSX().export_data(dataset), content_type=XLSX().get_content_type())
        filename = f"campaign-calendar-{self.first:%Y-%m}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": _t("Campaign calendar")}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_channel = {}
        for placement in placements_in(self.first, self.last):
            by_channel.setdefault(placement.channel, []).append(placement)
        previous = (self.first - datetime.timedelta(days=1)).replace(day=1)
        following = self.last + datetime.timedelta(days=1)
        context.update(
            month=self.first,
            previous_month=f"{previous:%Y-%m}",
            next_month=f"{following:%Y-%m}",
            channels=[
                (label, by_channel[value])
                for value, label in Channel.choices
                if value in by_channel
            ],
        )
        return context
