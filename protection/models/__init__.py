from .organisation import Department, DepartmentDuty, LeadingGroupMember, Township

__all__ = ["Department", "DepartmentDuty", "LeadingGroupMember", "Township"]
