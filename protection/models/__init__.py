from .intake import IntakeReport
from .organisation import Department, DepartmentDuty, LeadingGroupMember, Township, Village
from .reference import ClassificationTag, TargetCategory
from .registry import Case, CaseNote, Family, Guardian, Minor, MinorPhoto
from .scope import StaffScope

__all__ = [
    "Case",
    "CaseNote",
    "ClassificationTag",
    "Department",
    "DepartmentDuty",
    "Family",
    "Guardian",
    "IntakeReport",
    "LeadingGroupMember",
    "Minor",
    "MinorPhoto",
    "StaffScope",
    "TargetCategory",
    "Township",
    "Village",
]
