"""Viewsets whose every view goes through protection.scope.

Rather than subclass each of Wagtail's dozen object views (edit, inspect, delete, history,
revisions, compare, lock, unlock, usage …), ScopedSnippetViewSet wraps every view it constructs
in ScopedObjectMixin, so a record outside the user's scope answers 404 however its URL was
reached. Listings, exports and choosers use visible() on their querysets."""

from django.http import Http404
from wagtail.log_actions import log
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from lowcode.viewsets import CustomFieldsMixin

from ..models import Case
from ..scope import can_see, visible


class ScopedObjectMixin:
    """404 for an object outside the user's scope, whatever view fetched it."""

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is not None and obj.pk is not None and not can_see(obj, self.request.user):
            raise Http404
        return obj


def case_from_link(request):
    """The case an add form was opened from (`?case=<pk>` on a case's page), if the user sees
    it; None otherwise, and the form starts empty. One rule for every "add … to this case"."""
    pk = request.GET.get("case", "")
    if not pk.isdigit():
        return None
    return visible(Case.objects.all(), request.user).filter(pk=pk).first()


class ScopedChooserMixin:
    def get_object_list(self, *args, **kwargs):
        return visible(super().get_object_list(*args, **kwargs), self.request.user)

    def get_object(self, pk):
        # DoesNotExist outside the scope, as Wagtail's chooser expects of a missing record.
        return visible(self.model_class._default_manager.all(), self.request.user).get(pk=pk)

    def get_objects(self, pks):
        return visible(self.model_class._default_manager.filter(pk__in=pks), self.request.user)


def _wrap(view_class, mixin):
    if issubclass(view_class, mixin):
        return view_class
    return type(view_class.__name__, (mixin, view_class), {})


class ScopedChooserViewSet(SnippetChooserViewSet):
    def construct_view(self, view_class, **kwargs):
        return super().construct_view(_wrap(view_class, ScopedChooserMixin), **kwargs)


class LoggedOpeningMixin:
    """Every opening of the record (inspect or edit form) goes to Wagtail's audit log, so that
    a supervisor sees on the record who looked at it (DOMAIN: every view is on record)."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if getattr(self, "object", None) is not None and response.status_code == 200:
            log(self.object, "protection.opened", user=request.user)
        return response


class ScopedSnippetViewSet(CustomFieldsMixin, SnippetViewSet):
    """A SnippetViewSet filtered by the user's jurisdiction; list_select_related keeps the
    listing at a constant number of queries."""

    chooser_viewset_class = ScopedChooserViewSet
    list_select_related = []

    def get_queryset(self, request):
        queryset = self.model._default_manager.all()
        if self.list_select_related:
            queryset = queryset.select_related(*self.list_select_related)
        return visible(queryset, request.user)

    def construct_view(self, view_class, **kwargs):
        if hasattr(view_class, "get_object"):
            view_class = _wrap(view_class, ScopedObjectMixin)
        return super().construct_view(view_class, **kwargs)
