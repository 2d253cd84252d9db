"""Headless Chromium (Debian's package) driven by Playwright against pytest-django's live
server. Screenshots go to test-results/screenshots/ for people to look at."""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# browser steps are ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True}


@pytest.fixture(scope="session")
def bootstrap_data(django_db_setup):
    """The database as Wagtail's migrations left it (root page, collections, groups), taken
    before Playwright starts: Playwright switches greenlets, after which Django hands this
    thread a fresh connection wrapper that no longer carries the serialized copy."""
    return connections["default"]._test_serialized_contents


@pytest.fixture(scope="session")
def browser(bootstrap_data):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def _serialized_copy(bootstrap_data):
    connections["default"]._test_serialized_contents = bootstrap_data


@pytest.fixture
def live_site(_serialized_copy, django_db_serialized_rollback, live_server, transactional_db):
    """The live server with the demo data. Each browser test flushes the database and serialized
    rollback restores the bootstrap data before the next."""
    call_command("load_initial_data", stdout=io.StringIO())
    return live_server


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name, full_page=False):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def admin_login(page, base_url, username, password):
    page.goto(f"{base_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")
