"""Production settings refuse to start without the values that must never default."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOOD = {
    "DJANGO_SETTINGS_MODULE": "lantian.settings.production",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "k" * 30,
    "DJANGO_ALLOWED_HOSTS": "lantian.example.org",
    "LANTIAN_FIELD_KEY": "a-field-key-for-this-test-only-0123456789",
}


def load_production_settings(**overrides):
    env = {k: v for k, v in os.environ.items() if k not in GOOD}
    env.update({k: v for k, v in {**GOOD, **overrides}.items() if v is not None})
    env["PYTHONPATH"] = f"{ROOT}:{ROOT / 'site'}"
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_starts_with_the_documented_environment():
    result = load_production_settings()
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


@pytest.mark.parametrize("name", ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "LANTIAN_FIELD_KEY"])
def test_production_refuses_to_start_without(name):
    result = load_production_settings(**{name: None})
    assert result.returncode != 0
    assert f"{name} must be set in production" in result.stderr


def test_every_variable_the_settings_read_is_documented():
    import re

    documented = set(
        re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M)
    )
    read = set()
    for path in (ROOT / "site/lantian/settings").glob("*.py"):
        read |= set(
            re.findall(r"""environ(?:\.get)?\(\s*["']([A-Z][A-Z0-9_]+)""", path.read_text())
        )
        read |= set(
            re.findall(r"""env_(?:bool|list)\(\s*["']([A-Z][A-Z0-9_]+)""", path.read_text())
        )
    read -= {"PYTEST_XDIST_TESTRUNUID"}
    assert read - documented == set()


def test_the_embedded_database_runs_in_write_ahead_mode(tmp_path):
    """SQLite logs ahead (readers are not locked out by a long write, such as an import) and
    syncs at checkpoints rather than at every commit."""
    script = (
        "import django; django.setup()\n"
        "from django.db import connection\n"
        "cursor = connection.cursor()\n"
        "cursor.execute('PRAGMA journal_mode'); print(cursor.fetchone()[0])\n"
        "cursor.execute('PRAGMA synchronous'); print(cursor.fetchone()[0])\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="lantian.settings.test",
        LANTIAN_VAR_DIR=str(tmp_path),
        PYTHONPATH=f"{ROOT}:{ROOT / 'site'}",
    )
    result = subprocess.run(  # noqa: S603 - this interpreter, a script of this test
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split() == ["wal", "1"]  # 1: NORMAL
