"""Run from cron: queue the e-mail digest of visits due, once a day or once a week."""

from django.core.management.base import BaseCommand

from monitoring.tasks import DAILY, WEEKLY, send_visit_digest


class Command(BaseCommand):
    help = "Queue the digest of overdue and soon-due home visits to each assigned worker."

    def add_arguments(self, parser):
        parser.add_argument(
            "--period",
            choices=[DAILY, WEEKLY],
            default=DAILY,
            help="daily: at most one mail a day per worker; weekly: one a week.",
        )
        parser.add_argument("--day", help="The day to report on (YYYY-MM-DD); today by default.")

    def handle(self, *args, **options):
        result = send_visit_digest.enqueue(period=options["period"], day=options["day"])
        self.stdout.write(f"queued {result.id}")
