"""Who may see and act for which unit. One place for the rule: every listing, edit, inspect,
export and action of this app goes through these functions.

The leading-group office (the `programme.review_quarterlyreport` permission, or a superuser) sees
every unit. Anyone else sees the units they are a liaison of (ReportingUnit.members) and the units
their staff scope in protection gives them (their department, or their townships). Outside their
scope a user gets 404."""

from django.db.models import Q

from .models import ReportingUnit

OFFICE_PERMISSION = "programme.review_quarterlyreport"


def is_office(user):
    return bool(user and user.is_active and (user.is_superuser or user.has_perm(OFFICE_PERMISSION)))


def _protection_scope_filter(user):
    """The units protection's staff scope (protection.scope) gives the user: a department
    liaison's department, a township station's townships, everything for city-wide staff."""
    try:
        from protection import scope as protection_scope
    except ImportError:  # the registry core without staff scopes: liaisons only
        return Q(pk__in=[])
    staff = protection_scope.scope_for(user)
    if staff.is_city:
        return Q()
    if staff.level == protection_scope.DEPARTMENT and staff.department_id:
        return Q(department_id=staff.department_id, township__isnull=True)
    if staff.level == protection_scope.TOWNSHIP and staff.township_ids:
        return Q(township_id__in=staff.township_ids)
    return Q(pk__in=[])


def units_for(user):
    if is_office(user):
        return ReportingUnit.objects.all()
    if not (user and user.is_authenticated and user.is_active):
        return ReportingUnit.objects.none()
    return ReportingUnit.objects.filter(Q(members=user) | _protection_scope_filter(user)).distinct()


def can_act_for(user, unit):
    return is_office(user) or units_for(user).filter(pk=unit.pk).exists()


def can_file(user, report):
    """The unit's own liaisons file; the office may file on a unit's behalf (a paper report)."""
    return can_act_for(user, report.unit)


def filter_by_unit(queryset, user, field="unit"):
    if is_office(user):
        return queryset
    return queryset.filter(**{f"{field}__in": units_for(user).values("pk")})
