"""The public home page: the hotlines a frightened neighbour needs, one tap away."""

import re

from bs4 import BeautifulSoup
from django.urls import reverse

from content.models import HotlineSettings
from protection.models import Township
from protection.seed_data import TOWNSHIPS


def soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_every_township_hotline_is_a_tel_link(client, seeded_site):
    page = soup(client.get("/"))
    links = {a.get_text(" ", strip=True): a["href"] for a in page.select("a.township-call")}
    assert len(links) == len(TOWNSHIPS) == 15
    for township in Township.objects.all():
        label = f"{township.name} {township.hotline}"
        digits = re.sub(r"\D", "", township.hotline)
        assert links[label] == f"tel:{digits}"


def test_city_hotline_and_emergency_number_on_home_page(client, seeded_site):
    page = soup(client.get("/"))
    hotline = HotlineSettings.for_site(seeded_site)
    city = page.select_one('[data-testid="city-hotline"]')
    assert city["href"] == "tel:" + re.sub(r"\D", "", hotline.city_hotline)
    assert hotline.city_hotline in city.get_text()
    emergency = page.select_one(".hero .emergency")
    assert "紧急情况请拨打" in emergency.get_text()
    assert emergency.a["href"] == "tel:110"


def test_hotline_is_in_the_header_of_every_page(client, seeded_site):
    for url in ["/", "/about/", "/faq/"]:
        header = soup(client.get(url)).select_one(".site-header a.header-call")
        assert header is not None, url
        assert header["href"].startswith("tel:")


def test_editing_the_hotline_setting_changes_the_page(admin_client, seeded_site):
    url = f"/admin/settings/content/hotlinesettings/{seeded_site.pk}/"
    form = {
        "city_hotline_label": "市困境未成年人保护热线",
        "city_hotline": "0371-10009999",
        "service_hours": "24 小时",
        "emergency_number": "110",
    }
    response = admin_client.post(url, form)
    assert response.status_code == 302
    page = soup(admin_client.get("/"))
    assert page.select_one('[data-testid="city-hotline"]')["href"] == "tel:037110009999"
    assert "市困境未成年人保护热线" in page.get_text()


def test_a_bad_hotline_number_is_refused_in_chinese(admin_client, seeded_site):
    url = f"/admin/settings/content/hotlinesettings/{seeded_site.pk}/"
    response = admin_client.post(
        url,
        {"city_hotline_label": "热线", "city_hotline": "call us", "emergency_number": "110"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 200
    assert "请输入电话号码" in response.content.decode()
    assert HotlineSettings.for_site(seeded_site).city_hotline != "call us"


def test_editing_a_township_number_in_the_admin_changes_the_page(admin_client, seeded_site):
    township = Township.objects.get(name="城关乡")
    url = reverse("protection_townships:edit", args=[township.pk])
    response = admin_client.post(
        url,
        {
            "name": township.name,
            "kind": township.kind,
            "sort_order": township.sort_order,
            "station_name": township.station_name,
            "hotline": "0371-10002222",
            "station_address": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert 'href="tel:037110002222"' in admin_client.get("/").content.decode()


def test_home_page_shows_what_to_do_and_the_sections(client, seeded_site):
    page = soup(client.get("/"))
    assert "立即拨打110报警" in page.select_one("#what-to-do").find_next("div").get_text()
    sections = [a.strong.get_text() for a in page.select(".section-cards a")]
    assert sections == ["培训", "志愿服务", "新闻动态"]


def test_footer_shows_the_issuing_office_address_and_postcode(client, seeded_site):
    footer = soup(client.get("/")).select_one("footer").get_text()
    assert "荥阳市人民政府办公室" in footer
    assert "荥阳市索河路71号" in footer
    assert "450100" in footer
