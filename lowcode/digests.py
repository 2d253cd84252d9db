"""The weekly e-mail of saved queries: one message per subscriber listing each subscribed
query with its count in the subscriber's own scope and a link to the listing. Counts and
names of queries only: the records stay behind the login."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import queries
from .models import SavedQuery

WEEK = timezone.timedelta(days=7)
SLACK = timezone.timedelta(hours=12)  # a daily cron a little early still counts as a week


def due_queries(now=None):
    now = now or timezone.now()
    cutoff = now - WEEK + SLACK
    return (
        SavedQuery.objects.filter(subscribers__isnull=False)
        .exclude(last_sent_at__gt=cutoff)
        .distinct()
    )


def send_weekly(now=None):
    """Send what is due; returns the number of messages. Safe to run daily or twice."""
    now = now or timezone.now()
    due = list(due_queries(now).prefetch_related("subscribers"))
    by_user = {}
    for saved in due:
        for user in saved.subscribers.all():
            if user.is_active and user.email:
                by_user.setdefault(user, []).append(saved)
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    sent = 0
    for user, subscribed in by_user.items():
        lines = []
        for saved in subscribed:
            if not SavedQuery.usable_by(user).filter(pk=saved.pk).exists():
                continue  # no longer shared with this user
            count = queries.count(saved, user)
            if count is None:
                continue
            lines.append(f"{saved.name}: {count}\n{base}{queries.listing_url(saved)}")
        if not lines:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("[Lantian] Your saved queries this week")
            intro = _("Counts are of the records in your own jurisdiction.")
        send_mail(subject, "\n\n".join([intro, *lines]), None, [user.email])
        sent += 1
    SavedQuery.objects.filter(pk__in=[saved.pk for saved in due]).update(last_sent_at=now)
    return sent
