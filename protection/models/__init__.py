from .organisation import Department, DepartmentDuty, LeadingGroupMember, Township, Village

__all__ = ["Department", "DepartmentDuty", "LeadingGroupMember", "Township", "Village"]
