"""Run from cron (say every 15 minutes): reminds trainers and registrants a day before."""

from django.core.management.base import BaseCommand

from training.tasks import enqueue_due_reminders


class Command(BaseCommand):
    help = "Enqueue reminders for training sessions starting within the next 24 hours."

    def handle(self, *args, **options):
        count = enqueue_due_reminders()
        self.stdout.write(f"Reminders enqueued for {count} session(s).")
