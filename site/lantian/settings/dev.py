"""Development: `make run`. DEBUG on, a secret key and a field key made once under var/."""

import secrets

from .base import *
from .base import VAR_DIR, env_bool


def _key_file(name, make):
    """Read a key kept under var/, making it on first run, so data stays readable across runs."""
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    path = VAR_DIR / name
    if not path.exists():
        path.write_text(make())
        path.chmod(0o600)
    return path.read_text().strip()


DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or _key_file(
    "secret_key", lambda: secrets.token_urlsafe(50)
)
LANTIAN_FIELD_KEY = os.environ.get("LANTIAN_FIELD_KEY") or _key_file(
    "field_key", lambda: secrets.token_urlsafe(32)
)
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "[::1]", "testserver"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
