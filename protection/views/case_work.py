"""The case as the hub: its page lists the case work done on it (referrals, guardianship
interventions, placements, relief applications, home visits), each with its status and a link.

A kind of record is listed only to a user with its view permission, and each record only if
protection.scope lets the user see it; so a department liaison, who may view referrals alone,
would find nothing but the referrals addressed to their department, the whole of what a referral
shares with them. The records belong to apps built on protection, which protection does not
import (DESIGN.md: dependencies point one way): they are looked up by name, as scope.py looks up
the referral, and a kind whose app is not installed is simply left out."""

from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..scope import visible

# Enough to see what is happening on the case; the visits' own page lists every one.
VISITS_SHOWN = 10


def _referral(item):
    return (
        f"{item.reference} · {item.department}",
        item.get_status_display(),
        timezone.localdate(item.sent_at),
    )


def _intervention(item):
    stage = item.get_stage_display() if item.stage else "-"
    return stage, item.get_status_display(), item.opened_on


def _placement(item):
    # The same words as an intervention's status: in place until its actual end.
    status = _("in progress") if item.actual_end is None else _("ended")
    return f"{item.get_kind_display()} · {item.place}", status, item.start


def _relief(item):
    amount = item._meta.get_field("amount").verbose_name
    applied_on = timezone.localdate(item.applied_at)
    return f"{amount}: {item.amount}", item.get_status_display(), applied_on


def _visit(item):
    return (
        f"{item.get_kind_display()} · {item.get_mode_display()}",
        item.get_guardianship_assessment_display(),
        item.visited_on,
    )


@dataclass(frozen=True)
class Kind:
    model: str  # "app_label.ModelName", with a `case` foreign key
    namespace: str  # its admin viewset's url_namespace
    describe: object  # record -> (what, status, date)
    related: tuple = ()
    limit: int | None = None
    # Where every record of the case is listed when only the latest `limit` are shown here:
    # (url name taking the case's pk, permission needed, link text).
    all_of_case: tuple | None = None


KINDS = [
    Kind("casework.Referral", "casework_referrals", _referral, ("department",)),
    Kind("casework.Intervention", "casework_interventions", _intervention),
    Kind("support.Placement", "support_placements", _placement),
    Kind("support.ReliefApplication", "support_relief", _relief),
    Kind(
        "monitoring.HomeVisit",
        "monitoring_visits",
        _visit,
        limit=VISITS_SHOWN,
        all_of_case=(
            "monitoring_due:inspect",  # the case's monitoring page, keyed by the case
            "monitoring.view_casemonitoring",
            gettext_lazy("Visits due and response of this case"),
        ),
    ),
]


def _permission(model, action):
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def case_work(case, user):
    """[{label, items: [{what, status, date, url}], add_url, more}] for the kinds the user may
    view, in a fixed order; a kind the user may view but which has no record yet is listed
    empty, so that the page says so (and offers to add one when the user may)."""
    sections = []
    for kind in KINDS:
        try:
            model = apps.get_model(kind.model)
        except LookupError:
            continue
        if not user.has_perm(_permission(model, "view")):
            continue
        records = visible(model._default_manager.filter(case=case), user)
        if kind.related:
            records = records.select_related(*kind.related)
        if kind.limit:
            records = records[: kind.limit + 1]
        records = list(records)
        more = bool(kind.limit) and len(records) > kind.limit
        items = []
        for record in records[: kind.limit]:
            what, status, date = kind.describe(record)
            url = reverse(f"{kind.namespace}:inspect", args=[record.pk])
            items.append({"what": what, "status": status, "date": date, "url": url})
        add_url = more_url = more_label = None
        if user.has_perm(_permission(model, "add")):
            add_url = f"{reverse(f'{kind.namespace}:add')}?case={case.pk}"
        if more and kind.all_of_case and user.has_perm(kind.all_of_case[1]):
            more_url = reverse(kind.all_of_case[0], args=[case.pk])
            more_label = kind.all_of_case[2]
        sections.append(
            {
                "label": model._meta.verbose_name_plural,
                "items": items,
                "more": more,
                "more_url": more_url,
                "more_label": more_label,
                "add_label": _("Add %(kind)s") % {"kind": model._meta.verbose_name},
                "add_url": add_url,
            }
        )
    return sections
