"""What the registry roles may do in monitoring (merged into the groups by
protection.roles.ensure_groups): village supervisors and township staff record visits in their
jurisdiction, the city office also edits the rule tables, the leadership looks. Department
liaisons get nothing here: what a case shares with a department is the referral's business."""

from protection.roles import CITY_OFFICE, LEADERSHIP, TOWNSHIP_STAFF, VILLAGE_SUPERVISOR


def _perms(models, actions):
    return [f"monitoring.{action}_{model}" for model in models for action in actions]


_RULES = ["visitrule", "responserule"]

ROLE_PERMISSIONS = {
    CITY_OFFICE: _perms(["homevisit", *_RULES], ["add", "change", "delete", "view"])
    + _perms(["homevisit"], ["lock", "unlock"])
    + _perms(["casemonitoring"], ["view"]),
    TOWNSHIP_STAFF: _perms(["homevisit"], ["add", "change", "view"])
    + _perms([*_RULES, "casemonitoring"], ["view"]),
    VILLAGE_SUPERVISOR: _perms(["homevisit"], ["add", "change", "view"])
    + _perms([*_RULES, "casemonitoring"], ["view"]),
    LEADERSHIP: _perms(["homevisit", *_RULES, "casemonitoring"], ["view"]),
}
