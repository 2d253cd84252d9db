"""Background work of the registries, through django-tasks (immediate in development and tests,
the database backend in production)."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import task


@task()
def notify_new_intake(report_id):
    """Tell the city office and the township's staff that a report waits for verification.

    The mail names the township and the receipt only: what happened, the child and the reporter
    stay in the admin, behind login and scope, never in a mailbox."""
    from .models import IntakeReport
    from .scope import staff_covering_township

    report = IntakeReport.objects.select_related("township").filter(pk=report_id).first()
    if report is None:
        return 0
    recipients = list(staff_covering_township(report.township).values_list("email", flat=True))
    if not recipients:
        return 0
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "protection_intake:edit", args=[report.pk]
    )
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("New report waiting for verification: %(township)s") % {
            "township": report.township.name
        }
        body = _(
            "A report about a child in %(township)s came in through the public site "
            "(receipt %(receipt)s). Please verify it in the intake queue:\n%(link)s"
        ) % {"township": report.township.name, "receipt": report.receipt, "link": link}
    send_mail(subject, body, None, recipients)
    return len(recipients)
