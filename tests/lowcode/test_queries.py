"""Saved queries: saved from a listing with its filters and columns, pinned to the dashboard with
a count of the viewer's own jurisdiction, shared with a group, sent weekly by e-mail."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lowcode import digests, queries
from lowcode.models import SavedQuery
from protection import roles
from protection.models import Case
from tests.protection.factories import CaseFactory

ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}


def high_risk(world):
    for minor in (world.minor_a, world.minor_a2, world.minor_b):
        CaseFactory(minor=minor, risk_level=Case.RiskLevel.HIGH)


def test_a_township_user_saves_a_filtered_listing_and_sees_its_count_on_the_dashboard(
    client, world
):
    high_risk(world)
    user = world.users["township"]
    client.force_login(user)
    listing = client.get(reverse("protection_cases:list"), {"risk_level": "high"}, **ZH)
    save_url = reverse("lowcode_save_query")
    assert save_url in listing.content.decode()  # the button on the listing
    response = client.post(
        save_url,
        {
            "listing": "protection_cases",
            "query": "risk_level=high",
            "name": "高风险个案",
            "pin": "on",
        },
    )
    assert response.status_code == 302
    saved = SavedQuery.objects.get(name="高风险个案")
    assert saved.owner == user and saved.pinned_by.filter(pk=user.pk).exists()
    home = client.get(reverse("wagtailadmin_home"), **ZH).content.decode()
    assert "高风险个案" in home
    # Two high-risk cases in township A; the one in township B is not counted.
    assert "高风险个案</a>: <strong>2</strong>" in home


def test_a_shared_query_counts_each_viewers_own_jurisdiction(world):
    high_risk(world)
    city, township = world.users["city"], world.users["township"]
    saved = SavedQuery.objects.create(
        name="全市高风险",
        owner=city,
        listing="protection_cases",
        query="risk_level=high",
        shared_with=township.groups.get(name=roles.TOWNSHIP_STAFF),
    )
    assert queries.count(saved, city) == 3
    assert queries.count(saved, township) == 2
    assert saved in SavedQuery.usable_by(township)
    assert saved not in SavedQuery.usable_by(world.users["village"])


def test_someone_elses_private_query_is_out_of_reach(client, world):
    saved = SavedQuery.objects.create(
        name="私人", owner=world.users["city"], listing="protection_cases"
    )
    client.force_login(world.users["township"])
    response = client.post(reverse("lowcode_query_change", args=[saved.pk, "pin"]))
    assert response.status_code == 404
    assert "私人" not in client.get(reverse("lowcode_queries")).content.decode()


def table_head(response):
    """The heading row of the listing table (not the keyboard-shortcuts table before it)."""
    html = response.content.decode()
    start = html.index("<thead", html.index('class="listing'))
    return html[start : html.index("</thead>", start)]


def test_saved_columns_are_the_listing_columns(client, world):
    client.force_login(world.users["city"])
    listing = reverse("protection_cases:list")
    chosen = table_head(client.get(listing, {"columns": "get_status_display"}, **ZH))
    assert "状态" in chosen and "风险等级" not in chosen  # the risk-level column is left out
    assert "风险等级" in table_head(client.get(listing, **ZH))


def test_the_weekly_email_counts_in_scope_and_is_sent_once_a_week(world):
    high_risk(world)
    township = world.users["township"]
    saved = SavedQuery.objects.create(
        name="高风险个案", owner=township, listing="protection_cases", query="risk_level=high"
    )
    saved.subscribers.add(township)
    now = timezone.now()
    assert digests.send_weekly(now) == 1
    body = mail.outbox[0].body
    assert "高风险个案: 2" in body
    assert world.minor_a.name not in body
    assert digests.send_weekly(now + datetime.timedelta(days=1)) == 0
    assert digests.send_weekly(now + datetime.timedelta(days=7)) == 1
