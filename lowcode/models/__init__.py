from .fields import COLUMN, CustomField, CustomValue, Kind
from .lifecycle import LifecycleState, LifecycleTransition
from .queries import SavedQuery
from .rules import DashboardTask, Event, Operator, Rule, RuleCondition, RuleFiring, Trigger

__all__ = [
    "COLUMN",
    "CustomField",
    "CustomValue",
    "DashboardTask",
    "Event",
    "Kind",
    "LifecycleState",
    "LifecycleTransition",
    "Operator",
    "Rule",
    "RuleCondition",
    "RuleFiring",
    "SavedQuery",
    "Trigger",
]
