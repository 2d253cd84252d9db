"""Fixtures shared by every app's tests. Data is built per test (factories, the seed loaders),
never from fixtures files."""

import io

import pytest
from django.core.management import call_command


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "/tests/e2e/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def seeded_site(db):
    """The seed's organisation and the demo public pages, as `make run` loads them."""
    call_command("load_initial_data", stdout=io.StringIO())
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture
def admin_user(db, django_user_model):
    return django_user_model.objects.create_superuser("root", password="pw-for-tests")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client
