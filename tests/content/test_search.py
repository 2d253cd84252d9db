"""Site search in Chinese: two-character queries find the pages that contain them, ranked."""

from bs4 import BeautifulSoup
from wagtail.models import Page

from content.models import HomePage
from content.search import bigrams

from .factories import standard_page


def results(client, query):
    html = BeautifulSoup(client.get("/search/", {"q": query}).content.decode(), "html.parser")
    return [a.get_text(strip=True) for a in html.select(".search-results h2 a")]


def test_chinese_text_is_indexed_as_character_pairs():
    assert bigrams("拨打热线 110") == "拨打 打热 热线 110"
    assert bigrams("<p>家暴</p>") == "家暴"


def test_two_character_queries_find_the_pages_that_contain_them(client, public_site):
    home = HomePage.objects.get()
    standard_page(home, "邻里守望", "发现孩子遭受家暴请立即报警。")
    standard_page(home, "暑期活动", "儿童之家组织夏令营。")
    assert "邻里守望" in results(client, "家暴")
    assert "暑期活动" not in results(client, "家暴")
    assert "求助热线" in results(client, "热线")
    assert "防拐报警知识和自我保护培训走进乔楼镇" in results(client, "培训")


def test_a_title_match_ranks_above_a_body_match(client, public_site):
    home = HomePage.objects.get()
    standard_page(home, "关于宣传的说明", "本页提到一次监护评估。")
    standard_page(home, "监护评估", "评估的方法。")
    found = results(client, "监护评估")
    assert found.index("监护评估") < found.index("关于宣传的说明")


def test_all_pairs_of_a_longer_query_must_match(client, public_site):
    home = HomePage.objects.get()
    standard_page(home, "甲", "流浪儿童救助")
    standard_page(home, "乙", "流浪的小狗和儿童")  # has 流浪 and 儿童 but not 浪儿
    found = results(client, "流浪儿童")
    assert "甲" in found
    assert "乙" not in found


def test_draft_and_private_pages_are_never_found(client, public_site):
    home = HomePage.objects.get()
    page = standard_page(home, "草稿测试页", "机密草稿内容")
    page.unpublish()
    assert results(client, "机密") == []


def test_a_single_character_falls_back_to_titles(client, public_site):
    assert "求助热线" in results(client, "热")


def test_empty_and_overlong_queries_do_not_fail(client, public_site):
    assert client.get("/search/", {"q": ""}).status_code == 200
    assert client.get("/search/", {"q": "测" * 5000}).status_code == 200
    assert Page.objects.live().count() > 0
