"""Rapid response (五(三) 快速响应机制): each case's deadline for a first response, the time it
took, and the breaches. The figures themselves are stored by monitoring.due.refresh."""

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .clock import city_tz


def breaches(queryset, now=None):
    """Rows answered after their deadline, or still unanswered with the deadline passed."""
    now = now or timezone.now()
    return queryset.filter(
        Q(first_response_at__gt=F("response_deadline"))
        | Q(first_response_at__isnull=True, response_deadline__lt=now)
    )


def hours_text(delta):
    hours = delta.total_seconds() / 3600
    return _("%(hours).1f hours") % {"hours": hours}


def response_label(row, now=None):
    if row.response_deadline is None:
        return _("no deadline set")
    if row.first_response_at is None:
        if row.is_breached(now):
            return _("no response, deadline passed %(when)s") % {
                "when": timezone.localtime(row.response_deadline, city_tz()).strftime(
                    "%Y-%m-%d %H:%M"
                )
            }
        return _("waiting, deadline %(when)s") % {
            "when": timezone.localtime(row.response_deadline, city_tz()).strftime("%Y-%m-%d %H:%M")
        }
    took = hours_text(row.first_response_at - row.reported_at)
    if row.is_breached(now):
        return _("answered late, after %(took)s") % {"took": took}
    return _("answered in time, after %(took)s") % {"took": took}
