"""A minor merged into another by information comparison (信息比对) leaves the listing, the
chooser, the dashboard count and the search; the record kept lists it, and it stays reachable
from there (scoped) so that the merge can be undone."""

from django.urls import reverse

from protection.models import Minor

from .factories import MinorFactory


def merge(merged, survivor):
    Minor.objects.filter(pk=merged.pk).update(merged_into=survivor)


def test_a_merged_minor_leaves_listing_search_and_chooser(client, world):
    twin = MinorFactory(village=world.village_a, name="测试·重复登记儿童")
    merge(twin, world.minor_a)
    client.force_login(world.users["township"])
    listing = client.get(reverse("protection_minors:list")).content.decode()
    assert world.minor_a.name in listing
    assert twin.name not in listing
    search = client.get(reverse("protection_minors:list") + "?q=重复登记").content.decode()
    assert twin.name not in search
    chooser = client.get(reverse("wagtailsnippetchoosers_protection_minor:choose")).json()["html"]
    assert world.minor_a.name in chooser and twin.name not in chooser
    chosen = reverse("wagtailsnippetchoosers_protection_minor:chosen", args=[twin.pk])
    assert client.get(chosen).status_code == 404


def test_the_dashboard_counts_minors_without_the_merged(client, world):
    client.force_login(world.users["township"])
    before = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "在册未成年人: 2" in before or "minors on record: 2" in before
    merge(world.minor_a2, world.minor_a)
    after = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "在册未成年人: 1" in after or "minors on record: 1" in after


def test_the_survivor_lists_the_records_merged_into_it(client, world):
    twin = MinorFactory(village=world.village_a, name="测试·重复登记儿童")
    merge(twin, world.minor_a)
    client.force_login(world.users["township"])
    page = client.get(reverse("protection_minors:inspect", args=[world.minor_a.pk]))
    html = page.content.decode()
    assert reverse("protection_minors:inspect", args=[twin.pk]) in html
    assert twin.name in html
    assert twin.id_number not in html  # masked like every identifier
    merged_page = client.get(reverse("protection_minors:inspect", args=[twin.pk]))
    assert merged_page.status_code == 200
    assert reverse("protection_minors:inspect", args=[world.minor_a.pk]) in (
        merged_page.content.decode()
    )
    client.force_login(world.users["village"])  # another village's supervisor: not in scope
    other = MinorFactory(village=world.village_b)
    merge(other, world.minor_b)
    assert client.get(reverse("protection_minors:inspect", args=[other.pk])).status_code == 404
