"""What the five roles may do in case work (merged into the groups by
protection.roles.ensure_groups). Which records they see is protection.scope's business."""

from protection.roles import (
    CITY_OFFICE,
    DEPARTMENT_LIAISON,
    LEADERSHIP,
    TOWNSHIP_STAFF,
    VILLAGE_SUPERVISOR,
)


def _perms(models, actions):
    return [f"casework.{action}_{model}" for model in models for action in actions]


_INTERVENTION = ["intervention", "interventionstep", "interventiondocument"]

ROLE_PERMISSIONS = {
    # The leading-group office and the township stations refer cases, revoke their referrals and
    # run interventions up the whole ladder.
    CITY_OFFICE: _perms(["referral"], ["add", "view"])
    + _perms(_INTERVENTION, ["add", "view"])
    + [
        "casework.revoke_referral",
        "casework.escalate_intervention",
        "casework.close_intervention",
    ],
    TOWNSHIP_STAFF: _perms(["referral"], ["add", "view"])
    + _perms(_INTERVENTION, ["add", "view"])
    + [
        "casework.revoke_referral",
        "casework.escalate_intervention",
        "casework.close_intervention",
    ],
    # A village supervisor gives guidance and admonition and records them; moving further up
    # the ladder, and referring a case to a department, is the township's decision.
    VILLAGE_SUPERVISOR: _perms(["referral"], ["view"]) + _perms(_INTERVENTION, ["add", "view"]),
    # A liaison receives and answers the referrals to their department.
    DEPARTMENT_LIAISON: ["casework.view_referral", "casework.answer_referral"],
    LEADERSHIP: _perms(["referral", *_INTERVENTION], ["view"]),
}
