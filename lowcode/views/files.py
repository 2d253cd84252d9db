"""The download of a file attached through a custom field. Such files are about minors: they
live in the protected storage, which has no public URL (protection.models.registry), and are
served here only to those who may open the record they belong to, by the same rule as the
record's inspect view: its viewset's permission policy and the user's scope. Anything else is
404, never 403, so that a guessed number says nothing; the admin's URL wrapper sends an
anonymous visitor to the login page first."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.admin.views.generic.models import InspectView

from protection.models.registry import protected_file_response

from .. import records
from ..models import CustomValue, Kind


def owning_record(key, object_id):
    """(model, pk) of the record whose form and inspect view show a value: the record itself,
    or its parent for a record edited inline (a guardian's minor)."""
    model = records.model_for(key)
    parent_key = records.RECORD_TYPES[key][2]
    if model is None or parent_key is None:
        return model, object_id
    parent = records.model_for(parent_key)
    for field in model._meta.get_fields():
        if getattr(field, "many_to_one", False) and field.related_model is parent:
            parent_id = (
                model._default_manager.filter(pk=object_id)
                .values_list(field.attname, flat=True)
                .first()
            )
            return parent, parent_id
    return None, None


def record_to_open_or_404(request, model, pk):
    """The record if the user may open its inspect view, else 404."""
    from protection.scope import get_visible_or_404

    viewset = records.viewset_of(model)
    if viewset is None or pk is None:
        raise Http404
    policy = viewset.permission_policy
    if not policy.user_has_any_permission(request.user, InspectView.any_permission_required):
        raise Http404
    queryset = viewset.get_queryset(request)
    if queryset is None:
        queryset = model._default_manager.all()
    return get_visible_or_404(queryset, request.user, pk=pk)


def custom_file(request, pk):
    value = get_object_or_404(CustomValue.objects.select_related("field"), pk=pk)
    if value.field.kind != Kind.FILE or not value.file:
        raise Http404
    model, record_pk = owning_record(value.field.record_type, value.object_id)
    if model is None:
        raise Http404
    record_to_open_or_404(request, model, record_pk)
    return protected_file_response(value.file, request.user)
