from .catalogue import TargetGroup, Topic, Trainer, Venue
from .materials import Material
from .pages import TrainingCalendarPage
from .sessions import Registration, TrainingSeries, TrainingSession

__all__ = [
    "Material",
    "Registration",
    "TargetGroup",
    "Topic",
    "Trainer",
    "TrainingCalendarPage",
    "TrainingSeries",
    "TrainingSession",
    "Venue",
]
