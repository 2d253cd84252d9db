from .interventions import Intervention, InterventionDocument, InterventionStep
from .referrals import Referral, ReferralEvent

__all__ = [
    "Intervention",
    "InterventionDocument",
    "InterventionStep",
    "Referral",
    "ReferralEvent",
]
