"""Start the low-code administration from the programme's defaults: the editable case
lifecycle and the notification rules the seed implies. Running it twice changes nothing."""

from django.core.management.base import BaseCommand

from lowcode import lifecycle, seed


class Command(BaseCommand):
    help = "Copy the default case lifecycle and the seed's notification rules in (idempotent)."

    def handle(self, *args, **options):
        copied = lifecycle.seed_defaults()
        rules = seed.seed_rules()
        self.stdout.write(f"lifecycle copied: {copied}; rules added: {rules}")
