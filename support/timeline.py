"""Steps of placements and relief written twice, in one place: to Wagtail's audit log (who did
what to which record, for supervision) and to the case's timeline (protection CaseNote, what the
caseworker reads), so that neither can be forgotten."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from protection.models import CaseNote

# audit-log action -> label (registered in wagtail_hooks)
ACTIONS = {
    "support.placement.started": gettext_lazy("Placement started"),
    "support.placement.ended": gettext_lazy("Placement ended"),
    "support.relief.submitted": gettext_lazy("Relief application submitted"),
    "support.relief.reviewed": gettext_lazy("Relief application reviewed"),
    "support.relief.approved": gettext_lazy("Relief application approved"),
    "support.relief.rejected": gettext_lazy("Relief application rejected"),
    "support.relief.paid": gettext_lazy("Relief payment recorded"),
}


def record(instance, action, user, text, **data):
    """The audit-log entry on the record and the timeline entry on its case."""
    log(instance, action, user=user, data={k: str(v) for k, v in data.items()})
    CaseNote.objects.create(case_id=instance.case_id, author=user, text=text.strip())


def placement_started(placement, user):
    record(
        placement,
        "support.placement.started",
        user,
        _("Placed from %(start)s: %(kind)s, %(place)s.")
        % {
            "start": placement.start,
            "kind": placement.get_kind_display(),
            "place": placement.place,
        },
    )


def placement_ended(placement, user):
    record(
        placement,
        "support.placement.ended",
        user,
        _("Placement at %(place)s ended on %(end)s: %(reason)s")
        % {"place": placement.place, "end": placement.actual_end, "reason": placement.end_reason},
    )
