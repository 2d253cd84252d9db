"""The one function that decides which registry records a staff user may see.

Every listing, inspect, edit, delete, history, export, chooser, search, bulk action and
dashboard panel of the registries filters through visible(); the viewsets in
protection.views.scoped apply it to the object lookups too, so a guessed URL outside the scope
answers 404. A model takes part by declaring `scope_paths`: the lookups from it to a township, a
village and (optionally) a department, e.g. {"township": "township", "village": "village",
"department": "departments"}.

Department liaisons (五(七)) see case data only through a referral (casework.Referral):
- "department" is the path from a record to a case's `departments`: Case "departments", Minor
  "cases__departments", CaseNote "case__departments". A liaison sees such a record only while the
  case at the end of that path has a referral to the liaison's department that is open (sent or
  accepted) and whose sharing end date (`access_until`) is today or later, today being the city's
  date (Asia/Shanghai). Being among a case's "units involved" alone no longer opens it. The rule
  is a date comparison inside the query, so access ends by itself when the referral is closed,
  rejected or revoked, or the day after its end date, with no scheduled job.
- "addressed_to" is the path to the department a record is addressed to (a referral's receiving
  unit): a liaison sees every such record of their department, open or closed. What of the case
  a referral page shows is decided by the referral itself (casework.views), not here.
- Any other record is invisible to a liaison."""

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

CITY, TOWNSHIP, VILLAGE, DEPARTMENT, NONE = "city", "township", "village", "department", "none"


@dataclass(frozen=True)
class Scope:
    level: str = NONE
    township_ids: frozenset = field(default_factory=frozenset)
    village_ids: frozenset = field(default_factory=frozenset)
    department_id: int | None = None

    @property
    def is_city(self):
        return self.level == CITY

    def covers_township(self, township_id):
        return self.is_city or (self.level == TOWNSHIP and township_id in self.township_ids)


NOTHING = Scope()


def scope_for(user):
    """The user's Scope, read once per request (cached on the user object).

    Superusers are city-wide; an anonymous or inactive user, or a staff user without a
    jurisdiction on record, sees nothing (the safe default)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return NOTHING
    cached = getattr(user, "_lantian_scope", None)
    if cached is not None:
        return cached
    from .models import StaffScope

    if user.is_superuser:
        scope = Scope(level=CITY)
    else:
        record = (
            StaffScope.objects.filter(user=user).prefetch_related("townships", "villages").first()
        )
        if record is None:
            scope = NOTHING
        else:
            scope = Scope(
                level=record.level,
                township_ids=frozenset(t.pk for t in record.townships.all()),
                village_ids=frozenset(v.pk for v in record.villages.all()),
                department_id=record.department_id,
            )
    user._lantian_scope = scope
    return scope


def scope_q(model, scope):
    """The Q object that selects the rows of model within scope (None: everything)."""
    if scope.is_city:
        return None
    paths = getattr(model, "scope_paths", None)
    if paths is None:  # reference data (townships, categories): not scoped
        return None
    if scope.level == TOWNSHIP and scope.township_ids and "township" in paths:
        return _through(model, paths["township"], scope.township_ids)
    if scope.level == VILLAGE and scope.village_ids and "village" in paths:
        return _through(model, paths["village"], scope.village_ids)
    if scope.level == DEPARTMENT and scope.department_id:
        if "addressed_to" in paths:
            return Q(**{paths["addressed_to"]: scope.department_id})
        if "department" in paths:
            return _through_open_referral(model, paths["department"], scope.department_id)
    return Q(pk__in=[])


def _through_open_referral(model, path, department_id):
    """Records whose case has a referral to the department giving access today (see the module
    docstring). The path's last step is the case's `departments`; what comes before it leads
    from the record to the case ("" for a case itself). A subquery, so rows are never
    duplicated. The referral model is looked up by name: protection does not import casework,
    and without it a liaison sees nothing."""
    from django.apps import apps

    try:
        referral_model = apps.get_model("casework", "Referral")
    except LookupError:
        return Q(pk__in=[])
    cases = referral_model.objects.giving_access(department_id).values("case_id")
    to_case = path.rpartition("__")[0]
    if not to_case:
        return Q(pk__in=cases)
    return Q(pk__in=model._default_manager.filter(**{f"{to_case}__in": cases}).values("pk"))


def _through(model, path, ids):
    """A direct foreign key filters as is; a path across a relation (a case's minor's township)
    becomes `pk IN (subquery)`, so that a listing still walks its ordering index and stops at
    one page instead of joining and sorting every row in the scope (see bench/)."""
    if "__" not in path:
        return Q(**{f"{path}__in": ids})
    return Q(pk__in=model._default_manager.filter(**{f"{path}__in": ids}).values("pk"))


def visible(queryset, user):
    """queryset narrowed to the records the user may see."""
    q = scope_q(queryset.model, scope_for(user))
    return queryset if q is None else queryset.filter(q)


def can_see(instance, user):
    """Whether one record is within the user's scope (for code that already holds it). An
    unsaved record or None is nobody's to see."""
    if instance is None or instance.pk is None:
        return False
    model = type(instance)._meta.concrete_model
    return visible(model._default_manager.filter(pk=instance.pk), user).exists()


def get_visible_or_404(model_or_queryset, user, **lookup):
    """The one record matching lookup (pk=…) among those the user may see, else 404: outside
    the scope a record answers exactly as one that does not exist (a guessed URL learns
    nothing). Pass a queryset to choose its select_related."""
    if isinstance(model_or_queryset, QuerySet):
        queryset = model_or_queryset
    else:
        queryset = model_or_queryset._default_manager.all()
    return get_object_or_404(visible(queryset, user), **lookup)


def visible_imports(queryset, user):
    """The spreadsheet imports (lantian.ImportRecord) of queryset that the user may see in the
    import log. The log names files and counts rows; a file name may name a child, so it follows
    the scope: the city level (the city office, the leadership, superusers) sees every import;
    township and village staff see the imports they made and those that wrote at least one
    record within their area (lantian.ImportedObject, matched through the same scope_q as
    every registry); anyone else only their own. Imports into registries without a scope
    (townships, departments) are the uploader's and the city's."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import CharField
    from django.db.models.functions import Cast

    from lantian.models import ImportedObject

    scope = scope_for(user)
    if scope.is_city:
        return queryset
    if scope.level == NONE:
        return queryset.none()
    own = Q(user=user)
    if scope.level not in (TOWNSHIP, VILLAGE):
        return queryset.filter(own)
    touched = Q(pk__in=[])
    registries = queryset.order_by().values_list("content_type", flat=True).distinct()
    for content_type in ContentType.objects.filter(pk__in=list(registries)):
        model = content_type.model_class()
        area = scope_q(model, scope) if model is not None else None
        if area is None:  # a registry without scope_paths: nobody's area
            continue
        # ImportedObject keeps the id as text (any registry's key), so compare as text.
        in_area = (
            model._default_manager.filter(area).annotate(key=Cast("pk", CharField())).values("key")
        )
        written = ImportedObject.objects.filter(
            record__content_type=content_type, object_id__in=in_area
        ).values("record_id")
        touched |= Q(pk__in=written)
    return queryset.filter(own | touched)


def staff_covering_township(township):
    """Active users to tell about something new in this township: the city office (the
    leading-group office) and the staff whose scope names the township. For notifications."""
    from django.contrib.auth import get_user_model

    from .roles import CITY_OFFICE

    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return users.filter(
        Q(groups__name=CITY_OFFICE) | Q(lantian_scope__townships=township)
    ).distinct()
