"""Error pages, robots.txt, the sitemap, and the language the site and the admin speak."""

import pytest
from django.test import Client


def test_404_page_is_in_the_site_style_and_offers_the_hotline(client, seeded_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html
    assert 'class="header-call"' in html


def test_500_page_renders_without_the_database(client, seeded_site, settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "系统暂时出错" in html
    assert 'href="tel:110"' in html


def test_server_error_shows_the_500_page_and_no_details(seeded_site, settings, monkeypatch):
    from content.models import HomePage

    def explode(self, request, *args, **kwargs):
        raise RuntimeError("ID 410182201001011234 must never show")

    monkeypatch.setattr(HomePage, "get_context", explode)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "系统暂时出错" in html
    assert "410182201001011234" not in html


def test_robots_txt_points_at_the_sitemap_and_hides_the_admin(client, seeded_site):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_the_public_pages(client, seeded_site):
    body = client.get("/sitemap.xml").content.decode()
    for path in ["/about/", "/faq/", "/training/"]:
        assert f"http://localhost{path}" in body or f"http://testserver{path}" in body


@pytest.mark.parametrize(("language", "expected"), [("zh-hans", "控制面板"), ("en", "Dashboard")])
def test_the_admin_speaks_the_users_language(admin_client, seeded_site, language, expected):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_client.session and _user(admin_client))
    profile.preferred_language = language
    profile.save()
    assert expected in admin_client.get("/admin/").content.decode()


def _user(client):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


def test_public_pages_default_to_chinese(client, seeded_site):
    response = client.get("/")
    assert response["Content-Language"] == "zh-hans"
    assert '<html lang="zh-hans">' in response.content.decode()


def test_public_pages_send_a_content_security_policy(client, seeded_site):
    policy = client.get("/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
