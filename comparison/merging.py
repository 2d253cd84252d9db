"""Confirming two records as the same child (merge) and undoing it.

The survivor takes over everything that hangs on the merged record: cases, guardians, photos,
placements and whatever other apps attach to a minor (found through the model's relations, so an
app added later is covered without a change here), its family where the survivor has none, its
target categories and tags, the imports that wrote it and its history. The merged record itself
stays, marked ``merged_into`` the survivor, so that nothing is lost. Every id moved is written on
the ``Merge``, and undoing moves back exactly those ids, leaving what was added since in place.
A moved case's township and village follow its new minor by protection.places' triggers."""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from lantian.models import ImportedObject
from protection.models import Minor

from .models import CandidatePair, Merge


class MergeRefused(Exception):
    """The merge or its undoing cannot be done; the message is for the reviewer."""


def _relations():
    """(model, field name) of every foreign key to Minor from another record, except the
    merge's own bookkeeping and the merged-into link itself."""
    relations = []
    for relation in Minor._meta.get_fields(include_hidden=True):
        if not (relation.one_to_many or relation.one_to_one) or not relation.auto_created:
            continue
        model = relation.related_model
        if model._meta.app_label == "comparison" or relation.field.name == "merged_into":
            continue
        if model._meta.proxy:
            continue
        relations.append((model, relation.field.name, relation.one_to_one))
    return relations


def _key(model, name):
    return f"{model._meta.label_lower}.{name}"


def merge(pair, survivor, user):
    """Confirm ``pair`` as one child, keeping ``survivor`` (one of the two)."""
    if survivor.pk not in (pair.minor_id, pair.other_id):
        raise MergeRefused(_("The record to keep must be one of the pair."))
    merged_id = pair.other_id if survivor.pk == pair.minor_id else pair.minor_id
    try:
        with transaction.atomic():
            return _merge(pair, survivor.pk, merged_id, user)
    except IntegrityError:
        raise MergeRefused(
            _(
                "The two records hold something that can exist only once for a child (for "
                "example an active placement each). Settle that on the records first."
            )
        ) from None


def _merge(pair, survivor_id, merged_id, user):
    minors = {
        m.pk: m for m in Minor.objects.select_for_update().filter(pk__in=[survivor_id, merged_id])
    }
    pair = CandidatePair.objects.select_for_update().get(pk=pair.pk)
    survivor, merged = minors[survivor_id], minors[merged_id]
    if pair.status != CandidatePair.Status.PROPOSED:
        raise MergeRefused(_("This pair has already been decided."))
    if survivor.merged_into_id or merged.merged_into_id:
        raise MergeRefused(_("One of the two records has already been merged into another."))

    moved = {"relations": {}, "categories": [], "tags": [], "imports": [], "history": []}
    for model, name, one_to_one in _relations():
        rows = model._base_manager.filter(**{name: merged})
        pks = list(rows.values_list("pk", flat=True))
        if not pks:
            continue
        if one_to_one and model._base_manager.filter(**{name: survivor}).exists():
            raise MergeRefused(
                _("Both records have a %s, which a child can have only once.")
                % model._meta.verbose_name
            )
        rows.update(**{name: survivor})
        moved["relations"][_key(model, name)] = pks

    if survivor.family_id is None and merged.family_id is not None:
        survivor.family_id = merged.family_id
        survivor.save(update_fields=["family"])
        moved["family"] = merged.family_id
    for name in ("categories", "tags"):
        mine = set(getattr(survivor, name).values_list("pk", flat=True))
        added = [pk for pk in getattr(merged, name).values_list("pk", flat=True) if pk not in mine]
        if added:
            getattr(survivor, name).add(*added)
            moved[name] = added

    minor_type = ContentType.objects.get_for_model(Minor)
    imported = ImportedObject.objects.filter(
        object_id=str(merged.pk), record__content_type=minor_type
    )
    moved["imports"] = list(imported.values_list("pk", flat=True))
    imported.update(object_id=str(survivor.pk))
    history = ModelLogEntry.objects.filter(content_type=minor_type, object_id=str(merged.pk))
    moved["history"] = list(history.values_list("pk", flat=True))
    history.update(object_id=str(survivor.pk))

    merged.merged_into = survivor
    merged.save(update_fields=["merged_into"])
    now = timezone.now()
    pair.status = CandidatePair.Status.MERGED
    pair.decided_at, pair.decided_by = now, user
    pair.save(update_fields=["status", "decided_at", "decided_by"])
    record = Merge.objects.create(
        pair=pair, survivor=survivor, merged=merged, moved=moved, merged_by=user
    )
    data = {"pair": pair.pk, "merge": record.pk, "survivor": survivor.pk, "merged": merged.pk}
    log(survivor, "comparison.merge", user=user, data=data)
    log(merged, "comparison.merged_into", user=user, data=data)
    log(pair, "comparison.merge", user=user, data=data)
    return record


def undo(record, user):
    """Move back exactly what the merge moved; the pair returns to the queue."""
    with transaction.atomic():
        record = Merge.objects.select_for_update().get(pk=record.pk)
        if record.undone_at:
            raise MergeRefused(_("This merge has already been undone."))
        survivor = Minor.objects.select_for_update().get(pk=record.survivor_id)
        merged = Minor.objects.select_for_update().get(pk=record.merged_id)
        if survivor.merged_into_id:
            raise MergeRefused(
                _("The kept record has since been merged into another: undo that merge first.")
            )
        moved = record.moved
        models_by_key = {_key(m, n): (m, n) for m, n, _one in _relations()}
        for key, pks in moved.get("relations", {}).items():
            model, name = models_by_key[key]
            model._base_manager.filter(pk__in=pks, **{name: survivor}).update(**{name: merged})
        if moved.get("family") and survivor.family_id == moved["family"]:
            survivor.family_id = None
            survivor.save(update_fields=["family"])
        for name in ("categories", "tags"):
            if moved.get(name):
                getattr(survivor, name).remove(*moved[name])
        ImportedObject.objects.filter(pk__in=moved.get("imports", [])).update(
            object_id=str(merged.pk)
        )
        ModelLogEntry.objects.filter(pk__in=moved.get("history", [])).update(
            object_id=str(merged.pk)
        )
        merged.merged_into = None
        merged.save(update_fields=["merged_into"])
        record.undone_at, record.undone_by = timezone.now(), user
        record.save(update_fields=["undone_at", "undone_by"])
        pair = record.pair
        pair.status = CandidatePair.Status.PROPOSED
        pair.decided_at = pair.decided_by = None
        pair.save(update_fields=["status", "decided_at", "decided_by"])
        data = {"pair": pair.pk, "merge": record.pk, "survivor": survivor.pk, "merged": merged.pk}
        log(survivor, "comparison.unmerge", user=user, data=data)
        log(merged, "comparison.unmerge", user=user, data=data)
        log(pair, "comparison.unmerge", user=user, data=data)
    return record


def mark_different(pair, user):
    """Two different children: the pair stays on record, so it is never proposed again."""
    with transaction.atomic():
        pair = CandidatePair.objects.select_for_update().get(pk=pair.pk)
        if pair.status != CandidatePair.Status.PROPOSED:
            raise MergeRefused(_("This pair has already been decided."))
        pair.status = CandidatePair.Status.DIFFERENT
        pair.decided_at, pair.decided_by = timezone.now(), user
        pair.save(update_fields=["status", "decided_at", "decided_by"])
        log(pair, "comparison.different", user=user)
    return pair


def reopen(pair, user):
    """A "different" decision taken back: the pair is reviewed again."""
    with transaction.atomic():
        pair = CandidatePair.objects.select_for_update().get(pk=pair.pk)
        if pair.status != CandidatePair.Status.DIFFERENT:
            raise MergeRefused(_("Only a pair marked as different can be reviewed again."))
        pair.status = CandidatePair.Status.PROPOSED
        pair.decided_at = pair.decided_by = None
        pair.save(update_fields=["status", "decided_at", "decided_by"])
        log(pair, "comparison.reopen", user=user)
    return pair
