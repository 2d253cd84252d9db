"""The page head works for any page type, including ones that give no summary of their own."""

from django.template.loader import render_to_string
from wagtail.models import Page


def test_meta_tags_render_for_a_page_type_without_a_listing_summary(db):
    page = Page(title="表单页", search_description="")
    html = render_to_string("includes/meta.html", {"page": page})
    assert '<meta property="og:title" content="表单页">' in html
    assert 'name="description"' not in html


def test_meta_description_prefers_the_search_description(db):
    page = Page(title="页", search_description="热线与求助方式")
    html = render_to_string("includes/meta.html", {"page": page})
    assert '<meta name="description" content="热线与求助方式">' in html
