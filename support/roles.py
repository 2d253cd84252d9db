"""What each registry role may do with placements, assistance and the relief fund; merged into
the role groups by protection.roles.ensure_groups(). Which records: the scope, through the case
or the family (protection.scope).

Relief money goes village or township → township review → city approval: township staff apply
and review, only the city office (民政局, the leading-group office) approves and records payments,
and nobody decides on an application twice (support.relief)."""

from protection.roles import (
    CITY_OFFICE,
    DEPARTMENT_LIAISON,
    LEADERSHIP,
    TOWNSHIP_STAFF,
    VILLAGE_SUPERVISOR,
)

_RECORDS = ["placement", "assistance", "reliefapplication"]


def _perms(models, actions):
    return [f"support.{action}_{model}" for model in models for action in actions]


ROLE_PERMISSIONS = {
    CITY_OFFICE: _perms(["placement", "assistance"], ["add", "change", "delete", "view"])
    # Money on record is never deleted: a wrong application is rejected, not removed.
    + _perms(["reliefapplication", "relieffund"], ["add", "change", "view"])
    + _perms(["reliefpayment"], ["add", "view"])
    + ["support.review_reliefapplication", "support.approve_reliefapplication"],
    TOWNSHIP_STAFF: _perms(_RECORDS, ["add", "change", "view"])
    + _perms(["reliefpayment"], ["view"])
    + ["support.review_reliefapplication"],
    VILLAGE_SUPERVISOR: _perms(["placement"], ["view"])
    + _perms(["assistance", "reliefapplication"], ["add", "change", "view"]),
    # A department sees the assistance it gave (scope: the provider).
    DEPARTMENT_LIAISON: _perms(["assistance"], ["view"]),
    LEADERSHIP: _perms([*_RECORDS, "relieffund", "reliefpayment"], ["view"]),
}
