"""Visits are scoped through their case: a record outside the user's jurisdiction answers 404
on every view, guessed URLs included; a posted case id outside the scope is refused; the
monitoring rows and attachments follow the same rule."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from monitoring.models import HomeVisit, VisitAttachment

from .conftest import visit

SEES = {
    "city": {"case_a", "case_a2", "case_b"},
    "township": {"case_a", "case_a2"},
    "village": {"case_a"},
    "leader": {"case_a", "case_a2", "case_b"},
}
CASES = ["case_a", "case_a2", "case_b"]


@pytest.fixture
def visits(world):
    return {name: visit(getattr(world, name), datetime.date.today()) for name in CASES}


@pytest.mark.parametrize("role", SEES)
def test_visit_listing_and_every_view_follow_the_scope(client, world, visits, role):
    client.force_login(world.users[role])
    html = client.get(reverse("monitoring_visits:list")).content.decode()
    for name in CASES:
        assert (getattr(world, name).reference in html) == (name in SEES[role]), name
    for name, item in visits.items():
        for view in ("inspect", "edit", "delete", "history"):
            status = client.get(reverse(f"monitoring_visits:{view}", args=[item.pk])).status_code
            if name not in SEES[role]:
                assert status == 404, (name, view)
            else:
                assert status != 404, (name, view)


@pytest.mark.parametrize("role", SEES)
def test_monitoring_rows_follow_the_scope(client, world, role):
    client.force_login(world.users[role])
    html = client.get(reverse("monitoring_due:list")).content.decode()
    for name in CASES:
        case = getattr(world, name)
        assert (case.reference in html) == (name in SEES[role]), name
        status = client.get(reverse("monitoring_due:inspect", args=[case.pk])).status_code
        assert status == (200 if name in SEES[role] else 404), name


def test_nobody_edits_the_computed_rows(admin_client, world):
    assert admin_client.get(reverse("monitoring_due:edit", args=[world.case_a.pk])).status_code in (
        302,
        403,
    )
    assert world.case_a.monitoring.pk  # still there


def test_a_liaison_has_no_visits_menu(client, world, visits):
    client.force_login(world.users["liaison"])
    assert client.get(reverse("monitoring_visits:list")).status_code in (302, 403)
    item = visits["case_a"]
    assert client.get(reverse("monitoring_visits:inspect", args=[item.pk])).status_code in (
        302,
        403,
        404,
    )


def visit_form(case, **overrides):
    data = {
        "case": case.pk,
        "visited_on": datetime.date.today().isoformat(),
        "visited_time": "",
        "visitor_name": "测试·网格员",
        "visitor_role": "grid_worker",
        "visitor": "",
        "kind": "random",
        "mode": "home",
        "people_seen": "儿童本人",
        "findings": "孩子在家,一切正常。",
        "guardianship_assessment": "adequate",
        "next_actions": "",
        "attachments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def test_a_village_supervisor_records_a_visit_in_scope_only(client, world):
    client.force_login(world.users["village"])
    ok = client.post(reverse("monitoring_visits:add"), visit_form(world.case_a))
    assert ok.status_code == 302
    assert HomeVisit.objects.filter(case=world.case_a).count() == 1
    refused = client.post(reverse("monitoring_visits:add"), visit_form(world.case_b))
    assert refused.status_code == 200
    assert not HomeVisit.objects.filter(case=world.case_b).exists()


def test_attachments_only_through_the_checked_view(client, world, settings):
    item = visit(world.case_a, datetime.date.today())
    other = visit(world.case_b, datetime.date.today())
    files = [
        VisitAttachment.objects.create(visit=v, file=ContentFile(b"%PDF-1.4 test", name="记录.pdf"))
        for v in (item, other)
    ]
    assert files[0].file.path.startswith(str(settings.PROTECTED_MEDIA_ROOT))
    url = reverse("monitoring_attachment", args=[files[0].pk])
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(world.users["township"])
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"
    assert client.get(reverse("monitoring_attachment", args=[files[1].pk])).status_code == 404
    client.force_login(world.users["liaison"])
    assert client.get(url).status_code == 404
    for f in files:
        f.file.delete(save=False)


def test_the_visitor_list_offers_colleagues_not_every_account(client, world):
    client.force_login(world.users["village"])
    form = client.get(reverse("monitoring_visits:add")).context["form"]
    offered = set(form.fields["visitor"].queryset.values_list("username", flat=True))
    assert {"village", "township", "city"} <= offered
    assert "nobody" not in offered
    assert "liaison" not in offered
