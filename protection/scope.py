"""The one function that decides which registry records a staff user may see.

Every listing, inspect, edit, delete, history, export, chooser, search, bulk action and
dashboard panel of the registries filters through visible(); the viewsets in
protection.views.scoped apply it to the object lookups too, so a guessed URL outside the scope
answers 404. A model takes part by declaring `scope_paths`: the lookups from it to a township, a
village and (optionally) a department, e.g. {"township": "township", "village": "village",
"department": "departments"}."""

from dataclasses import dataclass, field

from django.db.models import Q

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
    if scope.level == DEPARTMENT and scope.department_id and "department" in paths:
        # Through a many-to-many: a subquery, so rows are never duplicated.
        inner = model._default_manager.filter(**{paths["department"]: scope.department_id})
        return Q(pk__in=inner.values("pk"))
    return Q(pk__in=[])


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
    """Whether one record is within the user's scope (for code that already holds it)."""
    return visible(type(instance)._default_manager.filter(pk=instance.pk), user).exists()


def staff_covering_township(township):
    """Active users to tell about something new in this township: the city office (the
    leading-group office) and the staff whose scope names the township. For notifications."""
    from django.contrib.auth import get_user_model

    from .roles import CITY_OFFICE

    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    return users.filter(
        Q(groups__name=CITY_OFFICE) | Q(lantian_scope__townships=township)
    ).distinct()
