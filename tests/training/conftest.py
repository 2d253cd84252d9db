import pytest
from wagtail.models import Page

from training.models import TrainingCalendarPage


@pytest.fixture
def calendar_page(db):
    """The public training calendar under the tree's root site page."""
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    page = TrainingCalendarPage(title="培训", slug="training")
    site.root_page.add_child(instance=page)
    return Page.objects.get(pk=page.pk).specific
