"""The scheduling rules of a training session, in one place: the admin form, the recurring
series and the attendance import all ask here.

Each function returns {field name: [message, …]} so that a form can put every message next to
the field it is about."""

from django.utils import timezone
from django.utils.translation import gettext as _


def _fmt(moment):
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"


def time_errors(start, end):
    if start and end and end <= start:
        return {"end": [_("The end must be after the start.")]}
    return {}


def capacity_errors(capacity, venue):
    if venue is not None and capacity and capacity > venue.capacity:
        return {
            "capacity": [
                _("The venue %(venue)s has %(seats)d seats; the capacity cannot be %(capacity)d.")
                % {"venue": venue.name, "seats": venue.capacity, "capacity": capacity}
            ]
        }
    return {}


def overlapping(start, end, exclude_pks=()):
    """Sessions that are not cancelled and overlap [start, end)."""
    from .models import TrainingSession

    return (
        TrainingSession.objects.exclude(status=TrainingSession.Status.CANCELLED)
        .exclude(pk__in=[pk for pk in exclude_pks if pk])
        .filter(start__lt=end, end__gt=start)
    )


def booking_errors(start, end, venue, trainers, exclude_pks=()):
    """A venue or a trainer booked twice at once."""
    if not (start and end) or end <= start:
        return {}
    errors = {}
    others = overlapping(start, end, exclude_pks)
    if venue is not None:
        clash = others.filter(venue=venue).first()
        if clash:
            errors["venue"] = [
                _("%(venue)s is already booked from %(start)s to %(end)s for “%(title)s”.")
                % {
                    "venue": venue.name,
                    "start": _fmt(clash.start),
                    "end": _fmt(clash.end),
                    "title": clash.title,
                }
            ]
    for trainer in trainers or ():
        clash = others.filter(trainers=trainer).first()
        if clash:
            errors.setdefault("trainers", []).append(
                _("%(trainer)s already teaches “%(title)s” from %(start)s to %(end)s.")
                % {
                    "trainer": trainer.name,
                    "title": clash.title,
                    "start": _fmt(clash.start),
                    "end": _fmt(clash.end),
                }
            )
    return errors


def session_errors(*, start, end, capacity, venue, trainers, exclude_pks=()):
    """Every rule a session must keep, merged."""
    errors = {}
    for found in (
        time_errors(start, end),
        capacity_errors(capacity, venue),
        booking_errors(start, end, venue, trainers, exclude_pks),
    ):
        for field, messages in found.items():
            errors.setdefault(field, []).extend(messages)
    return errors


def status_errors(old_status, new_status):
    from .models import TrainingSession

    allowed = TrainingSession.TRANSITIONS.get(old_status, {new_status})
    if new_status not in allowed:
        labels = dict(TrainingSession.Status.choices)
        return {
            "status": [
                _("A %(old)s session cannot become %(new)s.")
                % {"old": labels[old_status], "new": labels[new_status]}
            ]
        }
    return {}
