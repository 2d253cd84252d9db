import pytest

from lowcode import lifecycle
from lowcode.models import CustomField, Kind
from tests.protection.conftest import World, world  # noqa: F401  (the registries' test world)


@pytest.fixture(autouse=True)
def fresh_lifecycle():
    """The configured lifecycle is cached per process: start and end each test without it."""
    lifecycle.forget()
    yield
    lifecycle.forget()


@pytest.fixture
def left_behind(db):
    return CustomField.objects.create(
        record_type="minor",
        label_zh="是否留守儿童",
        label_en="left-behind child",
        kind=Kind.YES_NO,
        place="classification",
        in_listing=True,
        in_filters=True,
    )


@pytest.fixture
def work_place(db):
    return CustomField.objects.create(
        record_type="guardian", label_zh="务工地点", label_en="place of work", kind=Kind.TEXT
    )


__all__ = ["World"]
