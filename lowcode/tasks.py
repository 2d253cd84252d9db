"""Background work of low-code administration through django-tasks: the e-mails of rules and
of saved-query subscriptions (immediate in development and tests, a worker in production)."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_rule_mail(subject, body, addresses):
    """One message per recipient, so nobody learns who else was told."""
    for address in addresses:
        send_mail(subject, body, None, [address])


@task()
def send_query_digests():
    from .digests import send_weekly

    return send_weekly()
