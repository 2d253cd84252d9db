"""The record views of minors and cases beyond Wagtail's generic ones: the inspect pages with
masked identifiers, the viewers and the timeline; the status changes; case notes; the logged
"view identifiers" page; and the permission-checked photo view."""

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.snippets.views.snippets import EditView, HistoryView, IndexView, InspectView

from lantian.crypto import mask
from lantian.imports import spreadsheets
from lantian.models import ExportRecord

from .. import lifecycle
from ..models import Case, CaseNote, Minor, MinorPhoto
from ..models.registry import protected_file_response
from ..scope import can_see, get_visible_or_404, visible
from .case_work import case_work
from .scoped import LoggedOpeningMixin

OPENED = "protection.opened"
IDENTIFIERS_VIEWED = "protection.identifiers_viewed"


def recent_viewers(instance, limit=20):
    """Who opened the record, newest first: the log entries of openings and identifier views."""
    return (
        ModelLogEntry.objects.for_instance(instance)
        .filter(action__in=[OPENED, IDENTIFIERS_VIEWED])
        .select_related("user")
        .order_by("-timestamp")[:limit]
    )


class MaskedInspectMixin(LoggedOpeningMixin):
    """Inspect pages show identifiers masked and list who opened the record."""

    template_name = "protection/inspect.html"

    def get_id_number_display_value(self):
        return mask(self.object.id_number) or "-"

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        return "-" if value is None or value == "" else value

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["viewers"] = recent_viewers(self.object)
        context["can_view_identifiers"] = self.request.user.has_perm("protection.view_identifiers")
        context["history_url"] = reverse(self.history_url_name, args=[self.object.pk])
        return context


class MinorInspectView(MaskedInspectMixin, InspectView):
    history_url_name = "protection_minors:history"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["guardians"] = self.object.guardians.all()
        context["photos"] = self.object.photos.all()
        context["cases"] = visible(self.object.cases.all(), self.request.user)
        # Records information comparison found to be this child (信息比对), kept for an undo.
        context["merged_records"] = visible(
            self.object.merged_records.select_related("township", "village"), self.request.user
        )
        context["identifiers_url"] = reverse("protection_identifiers", args=[self.object.pk])
        return context


class CaseInspectView(MaskedInspectMixin, InspectView):
    history_url_name = "protection_cases:history"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timeline"] = self.object.notes.select_related("author")
        context["transitions"] = lifecycle.available(self.object, self.request.user)
        context["can_add_note"] = self.request.user.has_perm("protection.add_casenote")
        context["note_form"] = NoteForm()
        context["case_work"] = case_work(self.object, self.request.user)
        return context


class LoggedEditView(LoggedOpeningMixin, EditView):
    pass


class ReadableHistoryView(HistoryView):
    """Wagtail shows a record's history only to those who may add, change or delete it; the
    read-only leadership and other view-only roles read it too (who changed what, who opened
    it). Still wrapped by the scope check, so outside the scope it answers 404."""

    any_permission_required = ["add", "change", "delete", "view"]


class NoteForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("What happened, what was done, what is next."),
    )


@require_POST
def add_note(request, pk):
    case = get_visible_or_404(Case, request.user, pk=pk)
    if not request.user.has_perm("protection.add_casenote"):
        raise PermissionDenied
    form = NoteForm(request.POST)
    if form.is_valid():
        CaseNote.objects.create(case=case, author=request.user, text=form.cleaned_data["text"])
        log(case, "protection.case.note", user=request.user)
        messages.success(request, _("Note added to the timeline."))
    else:
        messages.error(request, _("A note cannot be empty."))
    return redirect("protection_cases:inspect", case.pk)


class TransitionForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Why, and what was found. Required to close or reopen."),
    )


def transition(request, pk, name):
    """Confirm and apply one status change (GET shows the form, POST applies it)."""
    case = get_visible_or_404(Case.objects.select_related("minor"), request.user, pk=pk)
    step = lifecycle.TRANSITIONS.get(name)
    if step is None:
        raise Http404
    if not request.user.has_perm(step.permission):
        raise PermissionDenied
    form = TransitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            lifecycle.apply(case, name, request.user, form.cleaned_data["comment"])
        except ValidationError as error:
            case.refresh_from_db()  # the status stays where it was
            about_comment = getattr(error, "code", None) != "joint_meeting_decision"
            form.add_error("comment" if about_comment else None, error)
        else:
            messages.success(
                request,
                _("Case %(case)s is now %(status)s.")
                % {"case": case.reference, "status": case.get_status_display()},
            )
            return redirect("protection_cases:inspect", case.pk)
    return TemplateResponse(
        request,
        "protection/transition.html",
        {"case": case, "step": step, "form": form, "header_title": step.label},
    )


def identifiers(request, pk):
    """The full ID and phone numbers of a minor and its guardians, for users with the
    "view identifiers" permission; each view is written to the audit log."""
    if not request.user.has_perm("protection.view_identifiers"):
        raise PermissionDenied
    minor = get_visible_or_404(Minor, request.user, pk=pk)
    log(minor, IDENTIFIERS_VIEWED, user=request.user)
    return TemplateResponse(
        request,
        "protection/identifiers.html",
        {"minor": minor, "guardians": minor.guardians.all(), "header_title": minor.name},
    )


def photo(request, pk):
    """A minor's photo, shown inline on the minor's page, only with view_minor and within
    scope (the photo's scope is its minor's)."""
    if not request.user.has_perm("protection.view_minor"):
        raise Http404
    item = get_object_or_404(MinorPhoto.objects.select_related("minor"), pk=pk)
    if not can_see(item.minor, request.user):
        raise Http404
    return protected_file_response(item.image, request.user, inline=True)


class LoggedExportIndexView(IndexView):
    """Wagtail's listing export, on record like every registry export (lantian.models.
    ExportRecord: who, when, rows, filters) and formula-safe; the minor's ID number column is
    masked unless the user may view identifiers. The rows are the listing's own: filtered and
    within the user's scope."""

    masked_columns = {"minor_id_number"}

    def may_view_identifiers(self):
        return self.request.user.has_perm("protection.view_identifiers")

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        if not self.may_view_identifiers():
            for column in self.masked_columns & row.keys():
                row[column] = mask(row[column])
        return row

    def as_spreadsheet(self, queryset, spreadsheet_format):
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        rows = [
            [
                self.preprocess_field_value(field, value, spreadsheet_format)
                for field, value in self.to_row_dict(item).items()
            ]
            for item in queryset
        ]
        params = self.request.GET.copy()
        params.pop("export", None)
        ExportRecord.objects.create(
            content_type=ContentType.objects.get_for_model(self.model),
            user=self.request.user,
            file_format=spreadsheet_format,
            row_count=len(rows),
            filters=params.urlencode()[:1000],
            masked=not self.may_view_identifiers(),
        )
        if spreadsheet_format == self.FORMAT_CSV:
            content = spreadsheets.csv_bytes(headings, rows)
        else:
            content = spreadsheets.xlsx_bytes(headings, rows)
        filename = f"{self.model._meta.verbose_name_plural}.{spreadsheet_format}"
        return spreadsheets.download(content, filename, spreadsheet_format)
