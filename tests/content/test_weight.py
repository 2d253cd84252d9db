"""A cheap phone on a rural network: the home page and everything it loads stay well under
150 KB on a first visit (counted uncompressed, so over the wire it is less), all from this
host."""

from pathlib import Path

from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

BUDGET = 150 * 1024
LOADED = "link[rel=stylesheet], link[rel=icon], script[src], img[src]"


def test_home_page_with_its_assets_is_under_the_budget_and_from_this_host(client, public_site):
    html = client.get("/").content
    page = BeautifulSoup(html.decode(), "html.parser")
    assets = [tag.get("href") or tag.get("src") for tag in page.select(LOADED)]
    assert assets, "the stylesheet at least"
    assert all(url.startswith("/static/") for url in assets), assets
    total = len(html) + sum(
        Path(finders.find(url.removeprefix("/static/"))).stat().st_size for url in assets
    )
    assert total < BUDGET, total
