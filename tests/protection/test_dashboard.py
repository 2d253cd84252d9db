"""The admin home's registry panel names what it counts in the staff's own words."""

from django.urls import reverse

from protection import states

from .factories import CaseFactory, CategoryFactory


def test_cases_without_a_category_are_named_as_such_in_the_chart(client, world):
    """A report just taken in has no target category yet: the chart says so instead of a dash."""
    CaseFactory(minor=world.case_a.minor)  # no category
    world.case_a.categories.add(CategoryFactory(name="事实无人抚养儿童"))
    world.case_a.save()  # a parental many-to-many field is written by save()
    client.force_login(world.users["city"])
    html = client.get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="zh-hans").content
    html = html.decode()
    assert ">未认定类别</text>" in html
    assert ">事实无人抚养儿童</text>" in html
    assert ">-</text>" not in html


def test_the_status_table_lists_the_configured_states(client, world, monkeypatch):
    """States renamed or added in the lifecycle editor are what the panel counts by."""
    configured = [("reported", "群众报告"), ("verified", "已核实"), ("follow_up", "跟踪回访")]
    monkeypatch.setattr(states, "_configuration", lambda: configured)
    client.force_login(world.users["city"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "群众报告" in html and "跟踪回访" in html
