"""Finding a minor by an exact ID number, the minor's own or a guardian's, through the keyed
hash and within the user's scope; a mistyped number gets a Chinese message and finds nothing,
and no number ever goes into an address."""

from django.urls import reverse

from protection.models import Minor

from .factories import GuardianFactory, MinorFactory

URL = "protection_minors_find"


def find(client, number, whose="minor"):
    return client.post(
        reverse(URL), {"id_number": number, "whose": whose}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )


def test_the_listing_links_to_the_search(client, world):
    client.force_login(world.users["village"])
    assert reverse(URL) in client.get(reverse("protection_minors:list")).content.decode()


def test_a_minor_is_found_by_exact_id_number_within_scope(client, world):
    client.force_login(world.users["township"])
    typed = world.minor_a.id_number.lower()
    response = find(client, typed)
    assert response.status_code == 302
    assert response["Location"] == reverse("protection_minors:inspect", args=[world.minor_a.pk])
    assert world.minor_a.id_number not in response["Location"]
    outside = find(client, world.minor_b.id_number).content.decode()  # another township's
    assert world.minor_b.name not in outside
    assert "没有" in outside
    client.force_login(world.users["city"])
    assert find(client, world.minor_b.id_number)["Location"] == reverse(
        "protection_minors:inspect", args=[world.minor_b.pk]
    )


def test_the_number_of_a_merged_record_finds_the_record_kept(client, world):
    twin = MinorFactory(village=world.village_a)
    Minor.objects.filter(pk=twin.pk).update(merged_into=world.minor_a)
    client.force_login(world.users["township"])
    response = find(client, twin.id_number)
    assert response["Location"] == reverse("protection_minors:inspect", args=[world.minor_a.pk])


def test_minors_are_found_by_a_guardians_id_number(client, world):
    guardian = GuardianFactory(minor=world.minor_a2)
    sibling = MinorFactory(village=world.village_a2, name="测试·同一监护人")
    GuardianFactory(minor=sibling, id_number=guardian.id_number)
    elsewhere = MinorFactory(village=world.village_b, name="测试·外镇同一监护人")
    GuardianFactory(minor=elsewhere, id_number=guardian.id_number)
    client.force_login(world.users["township"])
    html = find(client, guardian.id_number, whose="guardian").content.decode()
    assert world.minor_a2.name in html and sibling.name in html
    assert elsewhere.name not in html and world.minor_a.name not in html
    assert sibling.id_number not in html  # listed masked


def test_a_wrong_check_digit_gets_a_chinese_message_and_finds_nothing(client, world):
    client.force_login(world.users["township"])
    number = world.minor_a.id_number
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    response = find(client, wrong)
    assert response.status_code == 200
    html = response.content.decode()
    assert "校验" in html
    assert world.minor_a.name not in html


def test_only_users_who_may_see_minors_can_search(client, world):
    client.force_login(world.users["nobody"])
    response = find(client, world.minor_a.id_number)
    assert response.status_code in (302, 403)
    assert world.minor_a.name not in response.content.decode()
