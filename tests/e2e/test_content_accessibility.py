"""axe-core on every public page type: no serious or critical violation, and no request to
another host (fonts, scripts, images) on any of them."""

from axe_playwright_python.sync_playwright import Axe

from .conftest import screenshot

PAGES = {
    "home": "/",
    "standard": "/about/",
    "hotline": "/hotline/",
    "services": "/services/",
    "news-index": "/news/",
    "news-article": "/news/hotline-launched/",
    "policy-index": "/news/policies/",
    "policy-document": "/news/policies/xingzhengban-2015-53/",
    "volunteer": "/volunteer/",
    "volunteer-form": "/volunteer/apply/",
    "report-form": "/report/",
    "search": "/search/?q=热线",
    "not-found": "/no-such-page/",
}


def test_every_public_page_type_passes_axe_and_stays_on_this_host(live_site, phone):
    axe = Axe()
    foreign, problems = [], {}
    phone.on(
        "request",
        lambda r: foreign.append(r.url) if not r.url.startswith(live_site.url) else None,
    )
    for name, path in PAGES.items():
        phone.goto(live_site.url + path)
        violations = axe.run(phone).response["violations"]
        bad = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])})"
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
        if bad:
            problems[name] = bad
        screenshot(phone, f"content-a11y-{name}")
    assert problems == {}
    assert [url for url in foreign if not url.startswith(("data:", "blob:"))] == []
