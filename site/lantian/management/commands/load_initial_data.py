"""Build the seed's real structure and the demo content. Running it twice changes nothing."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load the seed's organisation, the public pages and the demo records (idempotent)."

    def handle(self, *args, **options):
        # Each app keeps its own loader (`<app>.demo.load`), listed in the order their data
        # depend on each other; the project package names no app in its code.
        for dotted in settings.LANTIAN_DEMO_LOADERS:
            with transaction.atomic():
                import_module(dotted).load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
