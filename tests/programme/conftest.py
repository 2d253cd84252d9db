import pytest


@pytest.fixture(autouse=True)
def _chinese(settings):
    settings.LANGUAGE_CODE = "zh-hans"


@pytest.fixture
def organisation(db):
    """The seed's townships, units and duties, without the rest of the demo content."""
    import io

    from protection import demo

    demo.load(io.StringIO())
