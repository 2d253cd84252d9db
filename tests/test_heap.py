"""Server processes set the loaded site aside from the garbage collector (lantian.heap): the
task worker before it runs imports and list comparisons."""

import gc

from django_tasks_db.management.commands.db_worker import Command as Worker

from lantian.management.commands.db_worker import Command


def test_the_task_worker_freezes_the_loaded_site_before_it_works(monkeypatch):
    frozen_when_working = []
    monkeypatch.setattr(
        Worker, "handle", lambda self, *a, **o: frozen_when_working.append(gc.get_freeze_count())
    )
    gc.unfreeze()
    try:
        Command().handle()
        assert frozen_when_working and frozen_when_working[0] > 10_000
    finally:
        gc.unfreeze()
