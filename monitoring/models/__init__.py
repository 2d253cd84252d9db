from .rules import ResponseRule, VisitRule
from .tracking import CaseMonitoring, DigestSent
from .visits import HomeVisit, VisitAttachment, VisitorRole

__all__ = [
    "CaseMonitoring",
    "DigestSent",
    "HomeVisit",
    "ResponseRule",
    "VisitAttachment",
    "VisitRule",
    "VisitorRole",
]
