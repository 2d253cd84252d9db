"""Run once a day (cron): queue the quarterly-report reminders that are due."""

from django.core.management.base import BaseCommand

from programme.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Queue the reminders about quarterly reports that are due today."

    def handle(self, *args, **options):
        result = send_due_reminders.enqueue()
        self.stdout.write(f"queued {result.id}")
