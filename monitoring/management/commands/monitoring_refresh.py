"""Recompute every case's next visit due and response deadline: after a restore from backup
or a bulk change made outside the admin. Safe to repeat."""

from django.core.management.base import BaseCommand

from monitoring import due


class Command(BaseCommand):
    help = "Recompute the visits due and response deadlines of every case."

    def handle(self, *args, **options):
        changed = due.refresh_all()
        self.stdout.write(f"{changed} cases updated")
