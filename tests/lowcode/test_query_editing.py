"""Saved queries changed by their owner only: the name, the group it is shared with, the pin
and the weekly e-mail on the query's page, and the search, filters and columns by saving the
listing over it ("update this query"). Members of the group read it; the columns keep the
order chosen; a query still counts each viewer's own jurisdiction; every change is logged."""

import html
import re
from urllib.parse import parse_qs, urlparse

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, TitleColumn
from wagtail.models import ModelLogEntry

from lowcode import queries
from lowcode.models import SavedQuery
from lowcode.views.rules import EDITED
from protection import roles
from protection.models import Case
from tests.protection.factories import CaseFactory

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def risks(world):
    """High-risk cases in both townships, and medium-risk ones besides the world's own."""
    for minor in (world.minor_a, world.minor_a2, world.minor_b):
        CaseFactory(minor=minor, risk_level=Case.RiskLevel.HIGH)
    for minor in (world.minor_a, world.minor_b):
        CaseFactory(minor=minor, risk_level=Case.RiskLevel.MEDIUM)


def shared_query(world, query="risk_level=high"):
    """A query of the city office's, shared with a group the township user is also in."""
    group = Group.objects.create(name="高风险个案督办")
    world.users["city"].groups.add(group)
    world.users["township"].groups.add(group)
    return SavedQuery.objects.create(
        name="全市高风险",
        owner=world.users["city"],
        listing="protection_cases",
        query=query,
        shared_with=group,
    )


def test_the_owner_edits_name_sharing_pin_and_email_and_the_edit_is_logged(client, world):
    city = world.users["city"]
    saved = SavedQuery.objects.create(
        name="高风险个案", owner=city, listing="protection_cases", query="risk_level=high"
    )
    client.force_login(city)
    page = client.get(reverse("lowcode_query_edit", args=[saved.pk]), **ZH)
    assert page.status_code == 200 and 'value="高风险个案"' in page.content.decode()
    group = city.groups.get(name=roles.CITY_OFFICE)
    response = client.post(
        reverse("lowcode_query_edit", args=[saved.pk]),
        {"name": "本周高风险个案", "shared_with": group.pk, "pin": "on", "subscribe": "on"},
    )
    assert response.status_code == 302
    saved.refresh_from_db()
    assert saved.name == "本周高风险个案" and saved.shared_with == group
    assert saved.pinned_by.filter(pk=city.pk).exists()
    assert saved.subscribers.filter(pk=city.pk).exists()
    assert queries.filters_of(saved.query) == "risk_level=high"  # what it finds is unchanged
    entry = ModelLogEntry.objects.for_instance(saved).get(action=EDITED)
    assert entry.user == city
    changes = list(entry.data["changes"].values())
    assert {"from": "高风险个案", "to": "本周高风险个案"} in changes
    assert {"from": "-", "to": group.name} in changes


def test_a_shared_query_is_read_only_for_the_group_and_hidden_from_others(client, world):
    saved = shared_query(world)
    client.force_login(world.users["township"])
    url = reverse("lowcode_query_edit", args=[saved.pk])
    page = client.get(url, **ZH).content.decode()
    assert "全市高风险" in page and 'name="name"' not in page  # no form to change it
    assert "risk_level=high" in page
    refusal = client.post(url, {"name": "改名"}, follow=True, **ZH)
    assert "对不起， 你没有权限访问。" in refusal.content.decode()  # Wagtail's own refusal
    saved.refresh_from_db()
    assert saved.name == "全市高风险"
    assert not ModelLogEntry.objects.for_instance(saved).exists()
    client.force_login(world.users["village"])  # not in the group
    assert client.get(url).status_code == 404


def save_button(response):
    """The address of the listing's "Save this query" button."""
    page = response.content.decode()
    found = re.search(r'href="([^"]*/lowcode/queries/save/[^"]*)"', page)
    assert found, (response.status_code, page[:3000])
    return html.unescape(found.group(1))


def test_the_owner_updates_the_query_from_the_listing(client, world):
    risks(world)
    city = world.users["city"]
    saved = shared_query(world)
    client.force_login(city)
    listing = client.get(queries.listing_url(saved) + "&risk_level=medium", **ZH)
    params = parse_qs(urlparse(save_button(listing)).query)
    query = params["query"][0]
    form_page = client.get(reverse("lowcode_save_query"), params, **ZH)
    assert form_page.context["form"]["update"].value() == saved.pk  # offered, not a new one
    response = client.post(
        reverse("lowcode_save_query"),
        {
            "listing": "protection_cases",
            "query": f"risk_level=medium&saved_query={saved.pk}",
            "update": saved.pk,
            "name": saved.name,
            "shared_with": saved.shared_with_id,
        },
    )
    assert response.status_code == 302
    assert SavedQuery.objects.count() == 1
    saved.refresh_from_db()
    assert queries.filters_of(saved.query) == "risk_level=medium"
    assert "saved_query" in query  # the listing knew which query it came from
    entry = ModelLogEntry.objects.for_instance(saved).get(action=EDITED)
    assert entry.user == city
    assert {"from": "risk_level=high", "to": "risk_level=medium"} in entry.data["changes"].values()
    # The edited shared query still counts each viewer's own jurisdiction.
    medium = Case.objects.filter(risk_level=Case.RiskLevel.MEDIUM)
    in_township_a = medium.filter(township=world.township_a).count()
    assert queries.count(saved, city) == medium.count() > in_township_a
    assert queries.count(saved, world.users["township"]) == in_township_a


def test_only_the_owner_may_update_a_query(client, world):
    saved = shared_query(world)
    client.force_login(world.users["township"])
    response = client.post(
        reverse("lowcode_save_query"),
        {"listing": "protection_cases", "query": "", "update": saved.pk, "name": "我的"},
    )
    assert response.status_code == 200 and "update" in response.context["form"].errors
    saved.refresh_from_db()
    assert saved.query == "risk_level=high" and saved.name == "全市高风险"


def test_the_columns_keep_the_order_chosen(client, world):
    city = world.users["city"]
    client.force_login(city)
    response = client.post(
        reverse("lowcode_save_query"),
        {
            "listing": "protection_cases",
            "query": "",
            "name": "风险在前",
            "columns": ["get_risk_level_display", "township_name"],
        },
    )
    assert response.status_code == 302
    saved = SavedQuery.objects.get(name="风险在前")
    assert queries.columns_of(saved) == ["get_risk_level_display", "township_name"]
    page = client.get(reverse("lowcode_query_edit", args=[saved.pk]), **ZH).content.decode()
    boxes = re.findall(r'name="columns" value="([^"]+)"', page)
    # The chosen ones first, in their order.
    assert boxes[:2] == ["get_risk_level_display", "township_name"]
    # Saved again from its page, the order stays.
    client.post(
        reverse("lowcode_query_edit", args=[saved.pk]),
        {"name": "风险在前", "columns": boxes[:2]},
    )
    saved.refresh_from_db()
    assert queries.columns_of(saved) == ["get_risk_level_display", "township_name"]


def test_the_listing_puts_the_chosen_columns_in_their_order():
    columns = [
        BulkActionsCheckboxColumn("bulk", obj_type="snippet"),
        TitleColumn("reference"),
        Column("township_name"),
        Column("status"),
        Column("get_risk_level_display"),
    ]
    kept = [c for c in columns if c.name != "status"]
    ordered = queries.in_chosen_order(kept, ["get_risk_level_display", "township_name"])
    names = [c.name for c in ordered]
    assert names == ["bulk", "reference", "get_risk_level_display", "township_name"]


def test_the_case_listing_shows_a_saved_querys_columns_in_the_chosen_order(client, world):
    client.force_login(world.users["city"])
    listing = reverse("protection_cases:list")
    for chosen in (
        ["get_risk_level_display", "township_name"],
        ["township_name", "get_risk_level_display"],
    ):
        query = "&".join(f"columns={name}" for name in chosen)
        html = client.get(f"{listing}?{query}", **ZH).content.decode()
        table = html[html.index('<table class="listing') :]
        head = table[: table.index("</thead>")]
        risk, township = head.index("风险等级"), head.index("乡镇")
        assert (risk < township) == (chosen[0] == "get_risk_level_display"), chosen
