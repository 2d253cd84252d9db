"""Background tasks for large imports (django-tasks: the immediate backend in development and tests,
the database backend in production so that any worker may pick them up)."""

from django_tasks import task

from lantian.models import ImportRecord


@task()
def check_import(record_id):
    from . import service

    record = ImportRecord.objects.filter(pk=record_id, status=ImportRecord.Status.CHECKING).first()
    if record is not None:
        service.check(record)


@task()
def apply_import(record_id):
    from . import service

    record = ImportRecord.objects.filter(pk=record_id, status=ImportRecord.Status.IMPORTING).first()
    if record is not None:
        service.apply(record)
