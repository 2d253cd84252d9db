"""Anonymous visitors get cached pages; publishing shows the change at once."""

from content.models import HotlineSettings, StandardPage


def test_a_second_anonymous_visit_is_served_from_the_cache(client, public_site):
    assert client.get("/about/")["X-Page-Cache"] == "miss"
    response = client.get("/about/")
    assert response["X-Page-Cache"] == "hit"
    assert "关于我们" in response.content.decode()
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_publishing_a_page_purges_the_cache(client, public_site):
    client.get("/about/")
    page = StandardPage.objects.get(slug="about")
    page.title = "关于蓝天"
    page.save_revision().publish()
    response = client.get("/about/")
    assert response["X-Page-Cache"] == "miss"
    assert "关于蓝天" in response.content.decode()


def test_changing_the_hotline_purges_the_cache(client, public_site):
    client.get("/")
    hotline = HotlineSettings.for_site(public_site)
    hotline.city_hotline = "0371-10007777"
    hotline.save()
    assert "0371-10007777" in client.get("/").content.decode()


def test_logged_in_users_and_forms_are_never_cached(admin_client, client, public_site):
    admin_client.get("/about/")
    assert not admin_client.get("/about/").has_header("X-Page-Cache")
    client.get("/volunteer/apply/")
    assert client.get("/volunteer/apply/").get("X-Page-Cache") != "hit"
    client.get("/report/")
    assert client.get("/report/").get("X-Page-Cache") != "hit"
