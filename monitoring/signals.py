"""Keep CaseMonitoring current: a visit saved or deleted, a case or minor changed, or a rule
edited refreshes the due dates it touches (monitoring.due). Signals, because the cases and
minors are saved by the protection app, which must not know about monitoring."""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from protection.models import Case, Minor

from . import due
from .models import CaseMonitoring, HomeVisit, ResponseRule, VisitRule

# Saves that touch only Wagtail's bookkeeping (a new revision, a lock) change no due date.
BOOKKEEPING = {"latest_revision", "live_revision", "locked", "locked_at", "locked_by"}


def _bookkeeping_only(update_fields):
    return bool(update_fields) and set(update_fields) <= BOOKKEEPING


@receiver(pre_save, sender=HomeVisit)
def remember_previous_case(sender, instance, **kwargs):
    """A visit moved to another case leaves the first one to be refreshed too."""
    instance._previous_case_id = None
    if instance.pk:
        previous = HomeVisit.objects.filter(pk=instance.pk).values_list("case_id", flat=True)
        instance._previous_case_id = previous.first()


@receiver(post_save, sender=HomeVisit)
@receiver(post_delete, sender=HomeVisit)
def visit_changed(sender, instance, **kwargs):
    if _bookkeeping_only(kwargs.get("update_fields")):
        return
    cases = {instance.case_id, getattr(instance, "_previous_case_id", None)} - {None}
    due.refresh(cases)


@receiver(post_save, sender=Case)
def case_saved(sender, instance, created, raw=False, update_fields=None, **kwargs):
    if raw or _bookkeeping_only(update_fields):
        return
    # A form's target categories are written after this signal: read them off the instance.
    categories = {instance.pk: [c.pk for c in instance.categories.all()]}
    due.refresh([instance.pk], categories, created_now=timezone.now() if created else None)


@receiver(post_save, sender=Minor)
def minor_saved(sender, instance, created, raw=False, **kwargs):
    if raw or created:
        return
    CaseMonitoring.objects.filter(case__minor=instance).exclude(
        township_id=instance.township_id, village_id=instance.village_id
    ).update(township_id=instance.township_id, village_id=instance.village_id)


@receiver(post_save, sender=VisitRule)
@receiver(post_delete, sender=VisitRule)
@receiver(post_save, sender=ResponseRule)
@receiver(post_delete, sender=ResponseRule)
def rule_changed(sender, update_fields=None, **kwargs):
    if _bookkeeping_only(update_fields):
        return
    from .tasks import refresh_due_dates

    refresh_due_dates.enqueue()
