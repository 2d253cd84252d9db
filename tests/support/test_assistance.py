"""Assistance records on families: money or help in kind, and only within the jurisdiction."""

from django.urls import reverse

from support.models import Assistance
from support.models.common import city_today
from tests.protection.factories import DepartmentFactory, FamilyFactory


def _post(client, family, **extra):
    data = {
        "family": family.pk,
        "kind": Assistance.Kind.SCHOOL,
        "date": city_today().isoformat(),
        "provider": "",
        "amount": "",
        "description": "",
        "notes": "",
    }
    data.update(extra)
    return client.post(reverse("support_assistance:add"), data)


def test_help_needs_an_amount_or_a_description(client, world):
    family = FamilyFactory(village=world.village_a)
    client.force_login(world.village)
    response = _post(client, family)
    assert "请填写金额,或说明所给予的实物或服务帮扶" in response.content.decode()
    assert not Assistance.objects.exists()
    response = _post(
        client, family, amount="500.00", provider=DepartmentFactory(name="测试·教体局").pk
    )
    assert response.status_code == 302
    assert str(Assistance.objects.get().amount) == "500.00"


def test_a_family_outside_the_scope_is_neither_listed_nor_choosable(client, world):
    mine = FamilyFactory(village=world.village_a, name="测试·甲村家庭")
    theirs = FamilyFactory(village=world.village_b, name="测试·乙镇家庭")
    Assistance.objects.create(family=mine, kind="living_aid", date=city_today(), amount=300)
    other = Assistance.objects.create(family=theirs, kind="medical", date=city_today(), amount=900)
    client.force_login(world.township)
    html = client.get(reverse("support_assistance:list")).content.decode()
    assert mine.name in html and theirs.name not in html
    assert client.get(reverse("support_assistance:edit", args=[other.pk])).status_code == 404
    response = _post(client, theirs, description="测试·猜测的家庭")
    assert response.status_code == 200
    assert not Assistance.objects.filter(description="测试·猜测的家庭").exists()
