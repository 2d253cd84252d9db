"""Clear spreadsheet uploads left waiting for confirmation for more than a day: the file (which
may hold minors' ID numbers) and the rows read from it are deleted; the log line stays. Safe to
repeat; meant for cron, e.g. hourly: ``0 * * * * manage.py purge_pending_imports``."""

from django.core.management.base import BaseCommand

from lantian.models import ImportRecord


class Command(BaseCommand):
    help = "Delete the files of spreadsheet imports not confirmed within a day."

    def handle(self, *args, **options):
        count = ImportRecord.purge_abandoned()
        self.stdout.write(f"{count} abandoned upload(s) cleared.")
