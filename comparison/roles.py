"""What each registry role may do in the review queue of information comparison. The scope
(which pairs) is protection.scope's: a pair is shown only when the user may see both children."""

from protection.roles import (
    CITY_OFFICE,
    LEADERSHIP,
    TOWNSHIP_STAFF,
    VILLAGE_SUPERVISOR,
)

_VIEW = ["comparison.view_candidatepair"]
_DECIDE = [*_VIEW, "comparison.decide_candidatepair"]

ROLE_PERMISSIONS = {
    # The leading-group office compares the whole city (六、市民政局: 信息比对).
    CITY_OFFICE: _DECIDE,
    # The township station decides on pairs within its township.
    TOWNSHIP_STAFF: _DECIDE,
    # A village supervisor sees the pairs of their villages and tells the station; merging moves
    # cases and is the station's decision.
    VILLAGE_SUPERVISOR: _VIEW,
    LEADERSHIP: _VIEW,
}
