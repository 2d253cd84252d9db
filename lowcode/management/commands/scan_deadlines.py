"""Cron (hourly or daily): fire the "deadline passed" rules for overdue records."""

from django.core.management.base import BaseCommand

from lowcode.deadlines import scan


class Command(BaseCommand):
    help = "Record a 'deadline passed' event for each newly overdue record and run the rules."

    def handle(self, *args, **options):
        self.stdout.write(f"overdue records found: {scan()}")
