"""The visit form: only cases within the user's jurisdiction can be chosen, whatever id is
posted (the chooser is scoped too, but a form must not trust what the browser sends), and the
visitor's account is one of the colleagues who work in that jurisdiction, not a list of every
account of the system."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm

from protection.models import Case
from protection.scope import CITY, TOWNSHIP, VILLAGE, scope_for, visible


def colleagues(user):
    """Active staff whose jurisdiction overlaps the user's (and the user)."""
    users = get_user_model().objects.filter(is_active=True)
    scope = scope_for(user)
    if scope.is_city:
        return users.filter(Q(lantian_scope__isnull=False) | Q(pk=user.pk))
    if scope.level == TOWNSHIP:
        overlap = Q(lantian_scope__townships__in=scope.township_ids) | Q(
            lantian_scope__villages__township__in=scope.township_ids
        )
    elif scope.level == VILLAGE:
        overlap = Q(lantian_scope__villages__in=scope.village_ids) | Q(
            lantian_scope__townships__villages__in=scope.village_ids
        )
    else:
        overlap = Q(pk__in=[])
    overlap |= Q(lantian_scope__level=CITY)
    return users.filter(overlap | Q(pk=user.pk)).distinct()


class HomeVisitForm(WagtailAdminModelForm):
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is None:
            return
        if "case" in self.fields:
            self.fields["case"].queryset = visible(Case.objects.all(), for_user)
        if "visitor" in self.fields:
            self.fields["visitor"].queryset = colleagues(for_user).order_by("username")
