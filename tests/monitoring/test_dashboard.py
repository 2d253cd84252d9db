"""The admin home panel counts within the user's jurisdiction and lists the user's own cases to
visit; the case listing links each case to its visits due and response."""

import datetime

from django.urls import reverse

from .conftest import visit


def test_the_panel_counts_only_the_users_jurisdiction(client, opened, high_risk_rule):
    # every case of the world is overdue (opened 1 October, high risk, never visited), except
    # case_a, visited today
    visit(opened.case_a, datetime.date.today())
    opened.case_a2.assigned_worker = opened.users["township"]
    opened.case_a2.save()
    client.force_login(opened.users["township"])
    panel = client.get(reverse("wagtailadmin_home")).content.decode()
    section = panel[panel.index("monitoring-dashboard-heading") :]
    assert "<strong>1</strong>" in section  # township A: case_a2 overdue, not case_b
    assert opened.case_a2.reference in section  # assigned to this user
    assert opened.case_b.reference not in section
    client.force_login(opened.users["city"])
    section = client.get(reverse("wagtailadmin_home")).content.decode()
    section = section[section.index("monitoring-dashboard-heading") :]
    assert "<strong>2</strong>" in section  # case_a2 and case_b


def test_no_panel_for_a_liaison(client, world):
    client.force_login(world.users["liaison"])
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "monitoring-dashboard-heading" not in page


def test_the_case_listing_links_to_visits_and_response(client, world):
    client.force_login(world.users["township"])
    html = client.get(reverse("protection_cases:list")).content.decode()
    assert reverse("monitoring_due:inspect", args=[world.case_a.pk]) in html
    assert client.get(reverse("monitoring_due:inspect", args=[world.case_a.pk])).status_code == 200
