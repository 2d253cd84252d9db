"""Cron (daily is fine): the weekly e-mails of saved queries that are due."""

from django.core.management.base import BaseCommand

from lowcode.tasks import send_query_digests


class Command(BaseCommand):
    help = "Send the weekly e-mails of saved queries that are due (run daily from cron)."

    def handle(self, *args, **options):
        result = send_query_digests.enqueue()
        self.stdout.write(f"saved-query digests: {result.status}")
