"""django-tasks' database worker, with the loaded site set aside from the garbage collector
first (``lantian.heap``): large imports and list comparisons run here."""

from django_tasks_db.management.commands.db_worker import Command as Worker

from lantian.heap import freeze_loaded_site


class Command(Worker):
    def handle(self, *args, **options):
        freeze_loaded_site()
        return super().handle(*args, **options)
