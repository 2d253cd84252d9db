"""The on-demand comparisons as django-tasks background tasks: of the registry with itself, and
of a department's list with the registry."""

from django.contrib.auth import get_user_model
from django_tasks import task


@task()
def run_comparison(user_id):
    from .finding import run

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return 0
    return run(user)


@task()
def compare_list(comparison_id):
    """A department's list too large to compare within the request (comparison.lists)."""
    from .lists import run
    from .models import ListComparison

    comparison = ListComparison.objects.filter(
        pk=comparison_id, status=ListComparison.Status.QUEUED
    ).first()
    if comparison is not None:
        run(comparison)
