"""A frightened neighbour on a cheap phone: the hotline is there without scrolling."""

from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from .conftest import admin_login, screenshot


def test_city_hotline_is_visible_without_scrolling_on_a_phone(live_site, phone):
    errors = []
    phone.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    phone.goto(live_site.url + "/")
    hotline = phone.locator('[data-testid="city-hotline"]')
    box = hotline.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= 844, box
    assert hotline.get_attribute("href").startswith("tel:")
    expect(phone.locator(".site-header a.header-call")).to_be_visible()
    screenshot(phone, "home-phone")
    screenshot(phone, "home-phone-full", full_page=True)
    assert errors == []  # no Content-Security-Policy refusals, no missing files


def test_admin_works_under_the_content_security_policy(live_site, desktop):
    get_user_model().objects.create_superuser("editor", password="pw-for-tests")
    violations = []
    desktop.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    admin_login(desktop, live_site.url, "editor", "pw-for-tests")
    desktop.goto(f"{live_site.url}/admin/pages/")
    desktop.wait_for_load_state("networkidle")
    screenshot(desktop, "admin-pages")
    expect(desktop.locator("main a", has_text="首页").first).to_be_visible()
    assert violations == []
