from .fields import COLUMN, CustomField, CustomValue, Kind
from .lifecycle import LifecycleState, LifecycleTransition
from .queries import SavedQuery
from .rules import DashboardTask, Event, Rule, RuleFiring, Trigger

__all__ = [
    "COLUMN",
    "CustomField",
    "CustomValue",
    "DashboardTask",
    "Event",
    "Kind",
    "LifecycleState",
    "LifecycleTransition",
    "Rule",
    "RuleFiring",
    "SavedQuery",
    "Trigger",
]
