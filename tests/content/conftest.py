"""A lighter public site than `seeded_site`: the 15 townships and the content app's demo pages
only, without the case registries (which the public site never reads)."""

import io

import pytest
from wagtail.models import Site

from content import demo as content_demo
from protection.demo import demo_township_hotline
from protection.models import Township, Village
from protection.seed_data import TOWNSHIPS


@pytest.fixture
def public_site(db):
    for position, (name, kind) in enumerate(TOWNSHIPS, start=1):
        township = Township.objects.create(
            name=name,
            kind=kind,
            sort_order=position,
            station_name=f"{name}困境未成年人社会保护工作指导站",
            hotline=demo_township_hotline(position),
        )
        Village.objects.create(township=township, name=f"{name}测试村")
    content_demo.load(io.StringIO())
    return Site.objects.get(is_default_site=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and cached pages live in the cache, which outlives a test: start empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
