"""Tests: fast hashing, an in-memory mail outbox, a fixed field key, local caches."""

import os

from .base import *

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
LANTIAN_FIELD_KEY = "test-field-key-not-for-production"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = VAR_DIR / "test-media"
PROTECTED_MEDIA_ROOT = VAR_DIR / "test-protected"

# Two runs at once (say, two developers' suites on one machine) must not share a PostgreSQL
# test database: name it after the run.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    _run = os.environ.get("PYTEST_XDIST_TESTRUNUID", str(os.getppid()))[:10]
    DATABASES["default"]["TEST"] = {"NAME": f"test_lantian_{_run}"}
