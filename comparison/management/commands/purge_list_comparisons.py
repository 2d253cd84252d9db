"""Delete the department lists compared in the background, and their answers, a day after the
upload (they name children). Safe to repeat; run hourly from cron beside purge_pending_imports."""

from django.core.management.base import BaseCommand

from comparison.models import ListComparison


class Command(BaseCommand):
    help = "Delete lists compared in the background, and their answers, older than a day."

    def handle(self, *args, **options):
        count = ListComparison.purge_expired()
        self.stdout.write(f"{count} compared lists deleted")
