import pytest

from .pending import install_pending_chinese


@pytest.fixture(autouse=True)
def pending_chinese():
    install_pending_chinese()
