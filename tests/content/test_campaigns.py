"""Publicity campaigns: the lifecycle, the monthly calendar by channel, and its export."""

import datetime
import io

import openpyxl
from django.contrib.auth import get_user_model
from django.utils import timezone

from content.models import PublicityCampaign

from .factories import CampaignFactory, PlacementFactory

CALENDAR = "/admin/content/campaign-calendar/"


def test_the_calendar_shows_this_months_placements_by_channel(admin_client, db):
    first = timezone.localdate().replace(day=1)
    PlacementFactory(channel="radio", outlet="测试广播电台", starts_on=first)
    PlacementFactory(
        outlet="下个月的电视台",
        starts_on=first + datetime.timedelta(days=45),
        ends_on=first + datetime.timedelta(days=46),
    )
    html = admin_client.get(CALENDAR).content.decode()
    assert "测试广播电台" in html
    assert "下个月的电视台" not in html
    assert "广播" in html
    next_month = (first + datetime.timedelta(days=45)).strftime("%Y-%m")
    assert "下个月的电视台" in admin_client.get(CALENDAR, {"month": next_month}).content.decode()


def test_the_calendar_exports_the_month_with_results(admin_client, db):
    PlacementFactory(outlet="测试报社", channel="newspaper", reach=12000)
    response = admin_client.get(CALENDAR, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert "媒体" in "".join(str(v) for v in rows[0])
    assert any("测试报社" in row and "12000" in map(str, row) for row in rows[1:])


def test_people_without_campaign_rights_cannot_open_the_calendar(client, db):
    user = get_user_model().objects.create_user("clerk", password="pw", is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(CALENDAR).status_code in (302, 403)


def test_a_campaign_cannot_skip_approval(admin_client, db):
    campaign = CampaignFactory()
    data = {
        "theme": campaign.theme,
        "goals": campaign.goals,
        "starts_on": campaign.starts_on.isoformat(),
        "ends_on": campaign.ends_on.isoformat(),
        "budget": "",
        "status": "running",
        "summary_of_results": "",
    }
    for prefix in ("placements", "linked_pages", "materials"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
        data.update({f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
    url = f"/admin/content/campaigns/edit/{campaign.pk}/"
    response = admin_client.post(url, data, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    assert "不能从" in response.content.decode()
    campaign.refresh_from_db()
    assert campaign.status == PublicityCampaign.Status.DRAFT
    data["status"] = "approved"
    assert admin_client.post(url, data).status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == PublicityCampaign.Status.APPROVED
