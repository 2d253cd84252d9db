"""Reminders before a session (django-tasks: immediate in development and tests, the database
backend with its workers in production)."""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mass_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

REMIND_BEFORE = dt.timedelta(hours=24)


def due_sessions(now=None):
    """Sessions starting within the next day that have not been reminded of yet."""
    from .models import TrainingSession

    now = now or timezone.now()
    return TrainingSession.objects.filter(
        status__in=[TrainingSession.Status.PLANNED, TrainingSession.Status.CONFIRMED],
        start__gt=now,
        start__lte=now + REMIND_BEFORE,
        reminder_sent_at__isnull=True,
    )


def enqueue_due_reminders(now=None):
    """Claim each due session (one UPDATE, so that two schedulers never remind twice) and hand
    its reminder to a worker. Returns the number of sessions enqueued."""
    from .models import TrainingSession

    now = now or timezone.now()
    count = 0
    for pk in list(due_sessions(now).values_list("pk", flat=True)):
        claimed = TrainingSession.objects.filter(pk=pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
        if claimed:
            send_session_reminder.enqueue(pk)
            count += 1
    return count


@task()
def send_session_reminder(session_id):
    """Mail the trainers and the registrants who gave an address. The mail says when and where;
    it never lists who else registered."""
    from .models import TrainingSession

    session = (
        TrainingSession.objects.select_related("venue", "township", "village")
        .filter(pk=session_id)
        .first()
    )
    if session is None or session.status == TrainingSession.Status.CANCELLED:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        when = f"{timezone.localtime(session.start):%Y-%m-%d %H:%M}"
        where = " ".join(
            p for p in (session.township.name if session.township_id else "", session.where) if p
        )
        subject = _("Reminder: %(title)s, %(when)s") % {"title": session.title, "when": when}
        trainer_body = _(
            "You are teaching “%(title)s” at %(when)s, %(where)s. %(count)d people have registered."
        ) % {
            "title": session.title,
            "when": when,
            "where": where,
            "count": session.registrations.count(),
        }
        registrant_body = _(
            "You registered for “%(title)s”. It starts at %(when)s, %(where)s. See you there."
        ) % {"title": session.title, "when": when, "where": where}
    messages = [
        (subject, trainer_body, None, [email])
        for email in session.trainers.exclude(email="").values_list("email", flat=True)
    ]
    messages += [
        (subject, registrant_body, None, [email])
        for email in session.registrations.exclude(email="").values_list("email", flat=True)
    ]
    return send_mass_mail(messages) if messages else 0
