"""The public sections as a visitor sees them: news, policy documents, hotline, service
directory and volunteer pages, with titles, descriptions and Open Graph for sharing."""

import re

from bs4 import BeautifulSoup

from content.models import NewsCategory, ServicePoint
from protection.models import Township

from .factories import NewsCategoryFactory, ServicePointFactory, news_article


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_news_index_lists_articles_newest_first_and_filters_by_category_and_tag(
    client, public_site
):
    column = NewsCategoryFactory(name="通知公告", slug="notices")
    news_article("较早的通知", category=column, date="2026-01-02", tags=["测试标签"])
    news_article("较新的通知", category=column, date="2026-03-04")
    titles = [a.get_text() for a in soup(client.get("/news/")).select(".article-item h2 a")]
    assert titles.index("较新的通知") < titles.index("较早的通知")
    by_column = soup(client.get("/news/?category=notices")).select(".article-item h2 a")
    assert [a.get_text() for a in by_column] == ["较新的通知", "较早的通知"]
    by_tag = soup(client.get("/news/", {"tag": "测试标签"})).select(".article-item h2 a")
    assert [a.get_text() for a in by_tag] == ["较早的通知"]


def test_an_article_shows_its_date_category_and_tags(client, public_site):
    column = NewsCategory.objects.get(slug="work")
    article = news_article("热线开通三周年", category=column, date="2026-05-06", tags=["热线"])
    page = soup(client.get(article.url))
    assert page.h1.get_text() == "热线开通三周年"
    assert page.select_one("time")["datetime"] == "2026-05-06"
    assert "工作动态" in page.get_text()
    assert [a.get_text() for a in page.select(".chips a")] == ["热线"]


def test_the_seed_is_the_first_policy_document_with_its_register(client, public_site):
    listing = soup(client.get("/news/policies/"))
    link = listing.select_one(".article-item h2 a")
    assert "困境未成年人社会保护工作实施方案" in link.get_text()
    page = soup(client.get(link["href"]))
    assert page.select_one('[data-testid="document-number"]').get_text() == "荥政办〔2015〕53号"
    register = page.select_one(".register").get_text()
    for expected in ["397863874/2015-00211", "荥阳市人民政府", "2015-10-14", "2015-10-28"]:
        assert expected in register
    headings = [h.get_text() for h in page.select(".rich-text h2")]
    assert headings[:3] == ["一、指导思想", "二、基本原则", "三、保护对象"]
    assert "市委宣传部：负责指导相关部门" in page.get_text().replace(":", "：")


def test_hotline_page_lists_every_township_station_as_a_tel_link(client, public_site):
    page = soup(client.get("/hotline/"))
    assert page.select_one('[data-testid="city-hotline"]')["href"].startswith("tel:")
    links = page.select(".directory a.township-call")
    assert len(links) == Township.objects.count() == 15
    township = Township.objects.get(name="高山镇")
    digits = re.sub(r"\D", "", township.hotline)
    assert any(a["href"] == f"tel:{digits}" for a in links)


def test_service_directory_shows_address_phone_and_hours_and_filters_by_township(
    client, public_site
):
    township = Township.objects.get(name="王村镇")
    ServicePointFactory(name="王村镇儿童之家", township=township, opening_hours="周六 9:00–12:00")
    ServicePointFactory(name="不公开的网点", township=township, is_public=False)
    page = soup(client.get("/services/"))
    text = page.get_text()
    assert "王村镇儿童之家" in text and "周六 9:00–12:00" in text
    assert "荥阳市社会福利中心" in text
    assert "不公开的网点" not in text
    filtered = soup(client.get("/services/", {"township": township.pk})).get_text()
    assert "王村镇儿童之家" in filtered
    assert "乔楼镇儿童之家" not in filtered
    assert "荥阳市社会福利中心" in filtered  # city-wide services stay


def test_volunteer_page_shows_the_stations_and_the_way_to_apply(client, public_site):
    ServicePointFactory(name="测试志愿者服务站", kind=ServicePoint.Kind.VOLUNTEER_STATION)
    page = soup(client.get("/volunteer/"))
    assert "测试志愿者服务站" in page.select_one("#stations").find_next("ul").get_text()
    assert page.select_one("a.button")["href"] == "/volunteer/apply/"


def test_pages_have_a_title_description_canonical_and_open_graph(client, public_site):
    article = news_article("防拐宣传周", summary="防拐宣传周活动回顾。")
    page = soup(client.get(article.url))
    assert page.title.get_text().startswith("防拐宣传周 · ")
    assert page.select_one('meta[name="description"]')["content"] == "防拐宣传周活动回顾。"
    assert page.select_one('meta[property="og:title"]')["content"] == "防拐宣传周"
    assert page.select_one('meta[property="og:type"]')["content"] == "article"
    assert page.select_one('link[rel="canonical"]')["href"].endswith(article.url)


def test_sitemap_lists_the_new_sections(client, public_site):
    body = client.get("/sitemap.xml").content.decode()
    for path in ["/hotline/", "/services/", "/news/", "/volunteer/", "/news/policies/"]:
        assert re.search(rf"http://[^<]+{re.escape(path)}</loc>", body), path


def test_every_page_has_the_hotline_in_the_header_and_the_search_link(client, public_site):
    for url in ["/hotline/", "/services/", "/news/", "/news/policies/", "/volunteer/apply/"]:
        page = soup(client.get(url))
        assert page.select_one(".site-header a.header-call")["href"].startswith("tel:"), url
        assert page.select_one('.site-nav a[href="/search/"]'), url
