from .assistance import Assistance
from .placements import Placement, PlacementReview
from .relief import ReliefApplication, ReliefDocument, ReliefFund, ReliefPayment

__all__ = [
    "Assistance",
    "Placement",
    "PlacementReview",
    "ReliefApplication",
    "ReliefDocument",
    "ReliefFund",
    "ReliefPayment",
]
