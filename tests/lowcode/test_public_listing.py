"""The listing block editors place on public pages: the latest news of a tag, the next public
trainings; nothing else, and never a registry record."""

import datetime

from django.utils import timezone
from wagtail.models import Site

from content.models import NewsArticlePage, NewsIndexPage, StandardPage
from tests.content.conftest import _fresh_cache, public_site  # noqa: F401
from tests.content.factories import add_page, news_article
from tests.protection.factories import CaseFactory


def listing_page(source, tag="", count=5):
    home = Site.objects.get(is_default_site=True).root_page
    block = {"heading": "近期动态", "source": source, "tag": tag, "count": count}
    return add_page(home, StandardPage(title="专栏", slug="listing", body=[("listing", block)]))


def test_news_of_one_tag_newest_first(client, public_site):  # noqa: F811
    older = news_article("宣传周启动", tags=["宣传周"], date=datetime.date(2026, 6, 1))
    newer = news_article("宣传周总结", tags=["宣传周"], date=datetime.date(2026, 6, 20))
    news_article("其他新闻", tags=["其他"])
    page = listing_page("news", tag="宣传周")
    html = client.get(page.url).content.decode()
    assert html.index(newer.title) < html.index(older.title)
    assert "其他新闻" not in html


def test_a_draft_is_never_listed_and_the_count_is_kept(client, public_site):  # noqa: F811
    for day in range(1, 4):
        news_article(f"新闻{day}", tags=["测试专栏"], date=datetime.date(2026, 7, day))
    draft = NewsArticlePage(title="草稿新闻", summary="草稿", date=datetime.date(2026, 7, 9))
    draft.tags.add("测试专栏")
    add_page(NewsIndexPage.objects.get(), draft, publish=False)
    page = listing_page("news", tag="测试专栏", count=2)
    html = client.get(page.url).content.decode()
    assert "新闻3" in html and "新闻2" in html and "新闻1" not in html
    assert "草稿新闻" not in html


def test_next_public_trainings_only(client, public_site):  # noqa: F811
    from tests.training.factories import SessionFactory
    from training.models import TrainingCalendarPage

    home = Site.objects.get(is_default_site=True).root_page
    home.add_child(instance=TrainingCalendarPage(title="培训日历", slug="training-calendar"))
    soon = timezone.now() + datetime.timedelta(days=3)
    SessionFactory(
        title="防拐培训", start=soon, end=soon + datetime.timedelta(hours=2), is_public=True
    )
    SessionFactory(
        title="内部培训", start=soon, end=soon + datetime.timedelta(hours=2), is_public=False
    )
    page = listing_page("training")
    html = client.get(page.url).content.decode()
    assert "防拐培训" in html
    assert "内部培训" not in html


def test_a_changed_session_shows_at_once_on_a_cached_page(client, public_site):  # noqa: F811
    from tests.training.factories import SessionFactory
    from training.models import TrainingCalendarPage

    home = Site.objects.get(is_default_site=True).root_page
    home.add_child(instance=TrainingCalendarPage(title="培训日历", slug="training-calendar"))
    soon = timezone.now() + datetime.timedelta(days=3)
    session = SessionFactory(title="防溺水培训", start=soon, end=soon + datetime.timedelta(hours=2))
    page = listing_page("training")
    assert "防溺水培训" in client.get(page.url).content.decode()
    assert client.get(page.url)["X-Page-Cache"] == "hit"
    session.title = "防溺水与防拐培训"
    session.save()
    assert "防溺水与防拐培训" in client.get(page.url).content.decode()


def test_no_registry_record_reaches_the_page(client, public_site):  # noqa: F811
    case = CaseFactory(summary="示例·不应公开的情况")
    page = listing_page("news")
    html = client.get(page.url).content.decode()
    assert case.minor.name not in html and case.summary not in html and case.reference not in html
