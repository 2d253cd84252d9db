"""The city's calendar (Asia/Shanghai, settings.TIME_ZONE), whatever time zone the admin has
activated for a user: a date "in the future", a visit due today, an 18th birthday are all counted
as Xingyang counts them, not as a browser abroad would."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def city_tz():
    return ZoneInfo(settings.TIME_ZONE)


def city_today(now=None):
    return timezone.localdate(now or timezone.now(), timezone=city_tz())


def not_in_future(value):
    """Validator of record dates: nothing is dated after today in the city."""
    if value and value > city_today():
        raise ValidationError(_("This date is in the future."), code="future_date")


def next_reference(queryset, prefix):
    """The next running number after prefix among queryset's `reference` values, e.g.
    GA-2026-000123 for cases and ZJ-2026-000012 for referrals: said on the phone between units."""
    last = (
        queryset.filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:06d}"
