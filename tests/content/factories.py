"""Factories of the public site: pages are added under the demo home page of `seeded_site`."""

import datetime

import factory
from django.utils import timezone

from content.models import (
    CampaignPlacement,
    NewsArticlePage,
    NewsCategory,
    NewsIndexPage,
    PublicityCampaign,
    ServicePoint,
    StandardPage,
)


def add_page(parent, page, publish=True):
    """Add `page` under `parent` as editors do: a revision, published unless told otherwise."""
    page.live = False
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page


def standard_page(parent, title, text, **kwargs):
    return add_page(
        parent,
        StandardPage(title=title, body=[("paragraph", f"<p>{text}</p>")], **kwargs),
    )


def news_article(title, summary="测试摘要", text="测试正文", category=None, tags=(), **kwargs):
    page = NewsArticlePage(
        title=title,
        summary=summary,
        category=category,
        body=[("paragraph", f"<p>{text}</p>")],
        **kwargs,
    )
    page.tags.add(*tags)
    return add_page(NewsIndexPage.objects.get(), page)


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsCategory

    name = factory.Sequence(lambda n: f"测试栏目{n}")
    slug = factory.Sequence(lambda n: f"test-category-{n}")


class ServicePointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServicePoint

    kind = ServicePoint.Kind.CHILDRENS_HOME
    name = factory.Sequence(lambda n: f"测试儿童之家{n}")
    address = "测试路1号"
    phone = "0371-10009001"
    opening_hours = "周一至周五 9:00–17:00"


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicityCampaign

    theme = factory.Sequence(lambda n: f"测试宣传活动{n}")
    goals = "让群众知道热线。"
    starts_on = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=40))


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignPlacement

    campaign = factory.SubFactory(CampaignFactory)
    channel = "tv"
    outlet = "测试电视台"
    starts_on = factory.LazyAttribute(lambda o: o.campaign.starts_on)
    ends_on = factory.LazyAttribute(lambda o: o.starts_on + datetime.timedelta(days=3))
