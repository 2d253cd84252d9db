"""Filling the review queue: pairs of registered minors that protection.matching scores as
possibly the same child, found after each import of minors and on demand over the registry.

The comparison itself is protection.matching's (blocking on keys, never all pairs); this module
only turns its matches into ``CandidatePair`` rows. A pair already on record, whatever its
status, is never proposed again: the unique constraint and ``ignore_conflicts`` see to that, so
a pair marked "different" stays decided."""

from django.utils.translation import gettext as _

from protection.matching import (
    Index,
    best_matches,
    registered_with_candidates,
    registry_people,
)
from protection.models import Minor
from protection.scope import visible

from .models import CandidatePair

LIMIT = 5  # candidates kept per child: the best few, not a long tail of weak ones


def _pairs(people, index, wanted=None):
    """{(low id, high id): Match} for each person (or only the ``wanted`` ids) and the
    registered children that may be them."""
    found = {}
    for person in people:
        if wanted is not None and person.ref not in wanted:
            continue
        for match in best_matches(person, index, limit=LIMIT + 1):
            other = match.person.ref
            if other == person.ref:
                continue
            key = (min(person.ref, other), max(person.ref, other))
            if key not in found or found[key].score < match.score:
                found[key] = match
    return found


def _save(found, source, import_record=None):
    pairs = [
        CandidatePair(
            minor_id=low,
            other_id=high,
            score=match.score,
            agree=list(match.agree),
            differ=list(match.differ),
            source=source,
            import_record=import_record,
        )
        for (low, high), match in found.items()
    ]
    before = CandidatePair.objects.count()
    CandidatePair.objects.bulk_create(pairs, batch_size=1000, ignore_conflicts=True)
    return CandidatePair.objects.count() - before


def after_import(record, created_ids):
    """The minors an import created, compared with every registered child (and each other):
    only the registered children sharing a blocking key with a new one are read, which gives
    the same pairs as reading the whole registry."""
    if not created_ids:
        return 0
    people = registered_with_candidates(created_ids)
    return _save(
        _pairs(people, Index(people), wanted=set(created_ids)), CandidatePair.Source.IMPORT, record
    )


def run(user):
    """Compare the registered children the user may see with each other; returns how many new
    pairs went into the queue."""
    people = registry_people(visible(Minor.objects.all(), user))
    return _save(_pairs(people, Index(people)), CandidatePair.Source.RUN)


def describe_run(count):
    if count:
        return _("%(count)s new possible duplicates are in the queue.") % {"count": count}
    return _("No new possible duplicates were found.")
