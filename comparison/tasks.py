"""The on-demand comparison of the registry as a django-tasks background task."""

from django.contrib.auth import get_user_model
from django_tasks import task


@task()
def run_comparison(user_id):
    from .finding import run

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return 0
    return run(user)
