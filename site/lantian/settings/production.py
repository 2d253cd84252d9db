"""Production: behind HTTPS, PostgreSQL via DATABASE_URL, gunicorn. Refuses to start without
the variables that must never default."""

from django.core.exceptions import ImproperlyConfigured

from .base import *
from .base import env_bool

DEBUG = False

for _name, _value in [
    ("DJANGO_SECRET_KEY", SECRET_KEY),
    ("DJANGO_ALLOWED_HOSTS", os.environ.get("DJANGO_ALLOWED_HOSTS")),
    ("LANTIAN_FIELD_KEY", LANTIAN_FIELD_KEY),
]:
    if not _value:
        raise ImproperlyConfigured(f"{_name} must be set in production (see .env.example).")

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True

SILENCED_SYSTEM_CHECKS = [
    # Wagtail's live preview frames the site from the admin on the same origin: SAMEORIGIN,
    # with frame-ancestors 'self' in the Content-Security-Policy, is the strictest that allows it.
    "security.W019",
    # Submitting the domain to the browsers' HSTS preload list binds every subdomain for years;
    # that is the domain owner's decision (DJANGO_SECURE_HSTS_PRELOAD), not the application's.
    "security.W021",
]
