"""Placements: one active placement a minor (the form in Chinese, and the database), the register
of who is where today with its filters, and scope by guessed URL."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from protection.models import CaseNote
from support.models import Placement
from support.models.common import city_today

from .conftest import World


def placement(case, **kwargs):
    values = {"kind": Placement.Kind.FAMILY_FOSTER, "place": "测试·寄养家庭", "start": city_today()}
    values.update(kwargs)
    return Placement.objects.create(case=case, **values)


def post_placement(client, case, **extra):
    data = {
        "case": case.pk,
        "kind": Placement.Kind.WELFARE_CENTRE,
        "place": "测试·市儿童福利院",
        "address": "",
        "start": city_today().isoformat(),
        "planned_end": "",
        "actual_end": "",
        "end_reason": "",
        "notes": "",
        "reviews-TOTAL_FORMS": "0",
        "reviews-INITIAL_FORMS": "0",
        "reviews-MIN_NUM_FORMS": "0",
        "reviews-MAX_NUM_FORMS": "1000",
    }
    data.update(extra)
    return client.post(reverse("support_placements:add"), data)


def test_a_second_active_placement_is_refused_in_chinese_and_nothing_is_saved(client, world: World):
    first = placement(world.case_a, start=city_today() - datetime.timedelta(days=30))
    client.force_login(world.township)
    response = post_placement(client, world.case_a)
    assert response.status_code == 200
    assert "已有一个进行中的安置" in response.content.decode()
    assert list(Placement.objects.filter(minor=world.case_a.minor)) == [first]


def test_once_the_first_has_ended_a_new_placement_is_accepted(client, world):
    placement(
        world.case_a,
        start=city_today() - datetime.timedelta(days=30),
        actual_end=city_today(),
        end_reason="测试·转入福利院",
    )
    client.force_login(world.township)
    response = post_placement(client, world.case_a)
    assert response.status_code == 302
    current = Placement.objects.get(minor=world.case_a.minor, actual_end__isnull=True)
    assert current.kind == Placement.Kind.WELFARE_CENTRE
    assert current.minor == world.case_a.minor  # taken from the case


def test_the_database_refuses_a_second_active_placement_of_the_same_minor(world):
    placement(world.case_a)
    other_case = type(world.case_a).objects.create(
        minor=world.case_a.minor, source="hotline", summary="测试·第二个个案"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        placement(other_case, place="测试·另一处")
    assert Placement.objects.filter(minor=world.case_a.minor).count() == 1


def test_an_end_before_the_start_is_refused(client, world):
    client.force_login(world.township)
    response = post_placement(
        client,
        world.case_a,
        actual_end=(city_today() - datetime.timedelta(days=1)).isoformat(),
        end_reason="测试",
    )
    assert "实际结束日期早于开始日期" in response.content.decode()
    assert not Placement.objects.exists()


def test_a_case_outside_the_scope_cannot_be_chosen(client, world):
    client.force_login(world.township)
    response = post_placement(client, world.case_b)
    assert response.status_code == 200
    assert not Placement.objects.exists()


def test_the_register_shows_who_is_where_today_filtered_by_kind_and_township(client, world):
    today = city_today()
    now_a = placement(world.case_a, place="测试·甲镇福利院", kind=Placement.Kind.WELFARE_CENTRE)
    now_b = placement(world.case_b, place="测试·乙镇寄养家庭")
    ended = placement(
        type(world.case_a).objects.create(
            minor=type(world.case_a.minor).objects.create(
                name="测试·已回家儿童",
                sex="male",
                birth_date=datetime.date(2014, 5, 5),
                village=world.village_a,
                township=world.township_a,
            ),
            source="hotline",
            summary="测试",
        ),
        place="测试·已结束的寄养",
        start=today - datetime.timedelta(days=60),
        actual_end=today - datetime.timedelta(days=1),
        end_reason="测试·回家",
    )
    client.force_login(world.city)
    url = reverse("support_placements:list")
    html = client.get(url, {"when": "now"}).content.decode()
    assert now_a.place in html and now_b.place in html and ended.place not in html
    html = client.get(url, {"when": "now", "kind": "welfare_centre"}).content.decode()
    assert now_a.place in html and now_b.place not in html
    html = client.get(url, {"township": world.township_b.pk}).content.decode()
    assert now_b.place in html and now_a.place not in html
    html = client.get(url, {"when": "ended"}).content.decode()
    assert ended.place in html and now_a.place not in html


def test_a_placement_outside_the_scope_answers_404_by_guessed_url(client, world):
    mine, theirs = placement(world.case_a), placement(world.case_b, place="测试·乙镇寄养家庭")
    client.force_login(world.township)
    html = client.get(reverse("support_placements:list")).content.decode()
    assert mine.place in html and theirs.place not in html
    for view in ["inspect", "edit", "history"]:
        assert client.get(reverse(f"support_placements:{view}", args=[mine.pk])).status_code == 200
    for view in ["inspect", "edit", "delete", "history"]:
        url = reverse(f"support_placements:{view}", args=[theirs.pk])
        assert client.get(url).status_code == 404, view
    exported = client.get(reverse("support_placements:list"), {"export": "csv"})
    body = (
        b"".join(exported.streaming_content).decode()
        if exported.streaming
        else exported.content.decode()
    )
    assert mine.place in body and theirs.place not in body


def test_the_start_and_the_end_of_a_placement_go_on_the_case_timeline(client, world):
    client.force_login(world.township)
    post_placement(client, world.case_a, place="测试·王家寄养家庭")
    item = Placement.objects.get()
    notes = CaseNote.objects.filter(case=world.case_a)
    assert notes.filter(text__contains="测试·王家寄养家庭", author=world.township).count() == 1
    data = {
        "case": world.case_a.pk,
        "kind": item.kind,
        "place": item.place,
        "address": "",
        "start": item.start.isoformat(),
        "planned_end": "",
        "actual_end": city_today().isoformat(),
        "end_reason": "测试·回归家庭",
        "notes": "",
        "reviews-TOTAL_FORMS": "1",
        "reviews-INITIAL_FORMS": "0",
        "reviews-MIN_NUM_FORMS": "0",
        "reviews-MAX_NUM_FORMS": "1000",
        "reviews-0-date": city_today().isoformat(),
        "reviews-0-reviewer": "测试·民政所",
        "reviews-0-findings": "测试·孩子适应良好",
        "reviews-0-ORDER": "1",
        "reviews-0-id": "",
        "reviews-0-DELETE": "",
    }
    response = client.post(reverse("support_placements:edit", args=[item.pk]), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.actual_end == city_today() and item.reviews.get().reviewer == "测试·民政所"
    assert notes.filter(text__contains="测试·回归家庭").count() == 1


def test_the_placement_chooser_lists_and_returns_only_the_scope(client, world):
    mine = placement(world.case_a, place="测试·甲镇福利院")
    theirs = placement(world.case_b, place="测试·乙镇寄养家庭")
    client.force_login(world.township)
    html = client.get(reverse("wagtailsnippetchoosers_support_placement:choose")).json()["html"]
    assert mine.place in html and theirs.place not in html
    chosen = "wagtailsnippetchoosers_support_placement:chosen"
    assert client.get(reverse(chosen, args=[mine.pk])).status_code == 200
    assert client.get(reverse(chosen, args=[theirs.pk])).status_code == 404
