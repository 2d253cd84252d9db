"""Fields that apply to some kinds of record only: a volunteer's skills, a training session's
topics, a campaign's channels, a visit's kind. Such a field is required, shown on the inspect
page and offered on an existing record's form only for records of those kinds."""

import pytest
from django.urls import reverse

from content.models import Volunteer
from lowcode import records, values
from lowcode.models import CustomField, Kind
from tests.content.factories import CampaignFactory, PlacementFactory
from tests.training.factories import TopicFactory

from .test_fields import ZH

REQUIRED = "这个字段是必填项"


@pytest.fixture
def certificate(db):
    return CustomField.objects.create(
        record_type="volunteer",
        label_zh="心理咨询师证书编号",
        kind=Kind.TEXT,
        required=True,
        kinds=["心理辅导"],
    )


def volunteer_form(world, **overrides):
    data = {
        "name": "测试·志愿者",
        "phone": "0371-64001234",
        "township": world.township_a.pk,
        "station": "",
        "skills": "法律咨询",
        "availability": "weekends",
        "status": "applied",
        "notes": "",
    }
    data.update(overrides)
    return data


def add_volunteer(client, world, **overrides):
    return client.post(reverse("content_volunteers:add"), volunteer_form(world, **overrides), **ZH)


def test_required_only_for_volunteers_with_the_skill(admin_client, world, certificate):
    assert add_volunteer(admin_client, world, name="测试·律师").status_code == 302
    refused = add_volunteer(admin_client, world, name="测试·咨询师", skills="心理辅导、家访陪伴")
    assert refused.status_code == 200
    assert REQUIRED in refused.content.decode()
    assert not Volunteer.objects.filter(name="测试·咨询师").exists()
    saved = add_volunteer(
        admin_client,
        world,
        name="测试·咨询师",
        skills="心理辅导、家访陪伴",
        **{certificate.form_name: "XL-2020-017"},
    )
    assert saved.status_code == 302
    counsellor = Volunteer.objects.get(name="测试·咨询师")
    assert values.read_one(counsellor)[certificate.pk] == "XL-2020-017"


def test_shown_only_on_records_of_those_kinds(admin_client, world, certificate):
    add_volunteer(admin_client, world, name="测试·律师")
    lawyer = Volunteer.objects.get(name="测试·律师")
    add_volunteer(
        admin_client,
        world,
        name="测试·咨询师",
        skills="心理辅导",
        **{certificate.form_name: "XL-2020-017"},
    )
    counsellor = Volunteer.objects.get(name="测试·咨询师")
    inspect = reverse("content_volunteers:inspect", args=[lawyer.pk])
    assert "心理咨询师证书编号" not in admin_client.get(inspect, **ZH).content.decode()
    inspect = reverse("content_volunteers:inspect", args=[counsellor.pk])
    page = admin_client.get(inspect, **ZH).content.decode()
    assert "心理咨询师证书编号" in page and "XL-2020-017" in page
    edit = reverse("content_volunteers:edit", args=[lawyer.pk])
    assert certificate.form_name not in admin_client.get(edit, **ZH).content.decode()
    edit = reverse("content_volunteers:edit", args=[counsellor.pk])
    assert certificate.form_name in admin_client.get(edit, **ZH).content.decode()


def test_a_new_record_offers_the_field_whatever_its_kind(admin_client, world, certificate):
    page = admin_client.get(reverse("content_volunteers:add"), **ZH).content.decode()
    assert f'name="{certificate.form_name}"' in page


def test_visits_by_their_kind_campaigns_by_their_channels(db):
    visit_model = records.model_for("visit")
    interview = CustomField.objects.create(
        record_type="visit", label_zh="约谈结果", kind=Kind.TEXT, kinds=["guardian_interview"]
    )
    assert values.applies_to_record(interview, visit_model(kind="guardian_interview"))
    assert not values.applies_to_record(interview, visit_model(kind="routine"))
    audience = CustomField.objects.create(
        record_type="campaign", label_zh="收视人数", kind=Kind.NUMBER, kinds=["tv"]
    )
    on_tv, in_schools = CampaignFactory(), CampaignFactory()
    PlacementFactory(campaign=on_tv, channel="tv")
    PlacementFactory(campaign=in_schools, channel="school")
    assert values.applies_to_record(audience, on_tv)
    assert not values.applies_to_record(audience, in_schools)


def test_an_administrator_limits_a_field_to_training_topics(admin_client, db):
    topic = TopicFactory(name="防拐")
    data = {
        "record_type": "training_session",
        "label_zh": "公安讲师",
        "kind": "text",
        "kinds": [str(topic.pk)],
        "place": "",
        "sort_order": 0,
    }
    page = admin_client.get(reverse("lowcode_fields:add"), **ZH).content.decode()
    assert "防拐" in page  # the topics are offered
    assert admin_client.post(reverse("lowcode_fields:add"), data).status_code == 302
    assert CustomField.objects.get(label_zh="公安讲师").kinds == [str(topic.pk)]
    # A minor is classified by its target categories, not by kinds.
    data.update(record_type="minor", label_zh="错配字段")
    assert admin_client.post(reverse("lowcode_fields:add"), data).status_code == 200
    assert not CustomField.objects.filter(label_zh="错配字段").exists()


def campaign_form(channel, **custom):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    placement = {
        "channel": channel,
        "outlet": "测试电视台",
        "starts_on": "2026-06-01",
        "ends_on": "2026-06-03",
        "description": "",
        "reach": "",
        "events_held": "",
        "people_reached": "",
    }
    data = {
        "theme": "测试·关爱困境儿童",
        "goals": "让群众知道热线。",
        "starts_on": "2026-06-01",
        "ends_on": "2026-06-30",
        "budget": "",
        "status": "draft",
        "summary_of_results": "",
        "placements": inline_formset([placement]),
        "linked_pages": inline_formset([]),
        "materials": inline_formset([]),
    }
    data.update(custom)
    return nested_form_data(data)


def test_a_campaign_field_is_required_by_the_channels_on_the_form(admin_client, db):
    from content.models import PublicityCampaign

    audience = CustomField.objects.create(
        record_type="campaign", label_zh="收视人数", kind=Kind.NUMBER, required=True, kinds=["tv"]
    )
    url = reverse("content_campaigns:add")
    refused = admin_client.post(url, campaign_form("tv"), **ZH)
    assert refused.status_code == 200
    assert REQUIRED in refused.content.decode()
    assert not PublicityCampaign.objects.exists()
    assert admin_client.post(url, campaign_form("school")).status_code == 302
    saved = admin_client.post(url, campaign_form("tv", **{audience.form_name: "12000"}))
    assert saved.status_code == 302
    assert PublicityCampaign.objects.count() == 2
