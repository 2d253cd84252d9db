"""The import screens of a registry: upload → check (the dry-run preview) → confirm or cancel, with
the empty template and the error report as downloads. Each view gets the registry's viewset, so a
viewset switches them all on with ``SpreadsheetMixin`` (``viewsets.py``)."""

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lantian.models import ImportRecord

from . import checked, service, spreadsheets
from .reading import FORMATS, SheetError, file_format, read_rows

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("spreadsheet"),
        help_text=gettext_lazy(
            "xlsx, xls or csv (UTF-8 or GBK), at most 20 MB. The first sheet is read; title rows "
            "above the column headings are skipped."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.csv,.ods"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            file_format(upload.name)
        except SheetError as error:
            raise forms.ValidationError(str(error)) from None
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB. Split it and retry."))
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return upload


class SpreadsheetView(WagtailAdminTemplateMixin, View):
    viewset = None
    header_icon = "upload"

    @cached_property
    def model(self):
        return self.viewset.model

    def resource(self):
        return self.viewset.get_spreadsheet_resource()(user=self.request.user)

    def dispatch(self, request, *args, **kwargs):
        policy = self.viewset.permission_policy
        if not (
            policy.user_has_permission(request.user, "add")
            and policy.user_has_permission(request.user, "change")
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def url(self, name, *args):
        return reverse(self.viewset.get_url_name(name), args=args)

    def get_page_title(self):
        return _("Import %s") % self.model._meta.verbose_name_plural

    def get_breadcrumbs_items(self):
        return [
            *self.viewset.breadcrumbs_items,
            {"url": self.viewset.menu_url, "label": self.model._meta.verbose_name_plural},
            {"url": "", "label": _("Import")},
        ]

    def get_record(self, pk):
        """Only the uploader (or a superuser) sees an import: its preview shows the file's data."""
        record = get_object_or_404(
            ImportRecord, pk=pk, content_type=ContentType.objects.get_for_model(self.model)
        )
        if record.user_id != self.request.user.pk and not self.request.user.is_superuser:
            raise Http404
        return record

    def render(self, template, **context):
        context.update(self.get_context_data(), view=self, model_opts=self.model._meta)
        return TemplateResponse(self.request, template, context)


class UploadView(SpreadsheetView):
    def get(self, request):
        return self.page(UploadForm())

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(form)
        upload = form.cleaned_data["file"]
        resource_class = self.viewset.get_spreadsheet_resource()
        record = ImportRecord(
            content_type=ContentType.objects.get_for_model(self.model),
            user=request.user,
            resource=f"{resource_class.__module__}.{resource_class.__qualname__}",
            file_name=upload.name[:255],
        )
        record.file_content = upload.read()
        record.save()
        service.start(record, "check")
        return redirect(self.url("import_detail", record.pk))

    def page(self, form):
        recent = ImportRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model)
        ).select_related("user")
        if not self.request.user.is_superuser:
            recent = recent.filter(user=self.request.user)
        return self.render(
            "lantian/imports/upload.html",
            form=form,
            recent=recent[:20],
            resource=self.resource(),
            formats="、".join(sorted(FORMATS)),
        )


class DetailView(SpreadsheetView):
    """The preview while the import waits for confirmation; progress while a task runs; the
    result afterwards."""

    def get(self, request, pk):
        record = self.get_record(pk)
        counts = record.counts or {}
        return self.render(
            "lantian/imports/detail.html",
            record=record,
            counts=counts,
            headings=counts.get("headings", []),
            errors=record.errors[:500],
            more_errors=max(0, len(record.errors) - 500),
            can_apply=record.status == ImportRecord.Status.CHECKED
            and not record.errors
            and (counts.get("new") or counts.get("updated")),
            listing_url=self.viewset.menu_url,
            written=self.written(record),
        )

    def written(self, record):
        """The records the import created or changed, as far as the user may see them."""
        if record.status != ImportRecord.Status.DONE:
            return []
        queryset = self.viewset.get_queryset(self.request)
        if queryset is None:
            queryset = self.model._default_manager.all()
        ids = record.written.values_list("object_id", flat=True)
        edit = self.viewset.get_url_name("edit")
        return [
            (obj, reverse(edit, args=[obj.pk]))
            for obj in queryset.filter(pk__in=[int(i) for i in ids[:200]]).order_by("pk")
        ]


class ConfirmView(SpreadsheetView):
    def post(self, request, pk):
        record = self.get_record(pk)
        if record.status != ImportRecord.Status.CHECKED or record.errors:
            messages.error(request, _("This import cannot be applied."))
            return redirect(self.url("import_detail", record.pk))
        service.start(record, "apply")
        record.refresh_from_db()
        if record.status == ImportRecord.Status.DONE:
            messages.success(
                request,
                _("Imported: %(new)s new, %(updated)s updated.")
                % {"new": record.counts.get("new", 0), "updated": record.counts.get("updated", 0)},
            )
        return redirect(self.url("import_detail", record.pk))


class CancelView(SpreadsheetView):
    def post(self, request, pk):
        record = self.get_record(pk)
        if record.status in {ImportRecord.Status.CHECKED, ImportRecord.Status.FAILED}:
            record.status = ImportRecord.Status.CANCELLED
            record.clear_pending()
            record.save()
            checked.forget(record)
            messages.success(request, _("The import was cancelled; nothing was saved."))
        return redirect(self.url("import"))


class ErrorReportView(SpreadsheetView):
    """The uploaded sheet as it was, with a column saying what is wrong in each row."""

    def get(self, request, pk):
        record = self.get_record(pk)
        if not record.content:
            raise Http404
        by_row = {}
        general = []
        for error in record.errors:
            text = error["reason"]
            if error["column"]:
                value = f"“{error['value']}”" if error["value"] else ""
                text = f"「{error['column']}」{value}：{text}"
            if error["row"]:
                by_row.setdefault(error["row"], []).append(text)
            else:
                general.append(text)
        raw = read_rows(record.file_content, record.file_name)
        header_row = _header_row(raw, record.counts.get("headings", []))
        rows = []
        for number, row in enumerate(raw, start=1):
            cells = ["" if c is None else c for c in row]
            if number == header_row:
                note = _("errors")
            elif number < header_row:
                note = "；".join(general) if number == 1 else ""
            else:
                note = "；".join(by_row.get(number, []))
            rows.append([*cells, note])
        width = max((len(r) for r in rows), default=1)
        rows = [r[:-1] + [""] * (width - len(r)) + r[-1:] for r in rows]
        content = spreadsheets.xlsx_bytes(rows[0], rows[1:])
        name = record.file_name.rsplit(".", 1)[0]
        return spreadsheets.download(content, _("%s (errors).xlsx") % name, "xlsx")


def _header_row(raw, headings):
    from .reading import heading_key

    wanted = {heading_key(h) for h in headings}
    for number, row in enumerate(raw[:20], start=1):
        if wanted and sum(heading_key(c) in wanted for c in row) == len(wanted):
            return number
    return 1


class TemplateDownloadView(SpreadsheetView):
    """The empty sheet with the Chinese headings, and a second sheet saying how to fill each."""

    def get(self, request):
        resource = self.resource()
        required = set(resource.required_attributes())
        notes = [(_("column"), _("how to fill it in"))]
        for field in resource.column_fields():
            note = getattr(field.widget, "hint", "") or ""
            model_field = resource.model_field(field.attribute)
            if model_field is not None and model_field.help_text:
                note = f"{model_field.help_text} {note}".strip()
            if field.attribute in required:
                note = _("Required. %s") % note
            notes.append((field.column_name, note))
        content = spreadsheets.xlsx_bytes(resource.headings(), [], notes=notes)
        name = _("%s import template.xlsx") % self.model._meta.verbose_name_plural
        return spreadsheets.download(content, name, "xlsx")


class CompareView(SpreadsheetView):
    """Information comparison (信息比对) of a list from elsewhere, without importing it: the
    answer is the list itself with what the registry knows of each row, as a spreadsheet."""

    def get(self, request):
        return self.page(UploadForm())

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.page(form)
        upload = form.cleaned_data["file"]
        # A list too large to compare within the request goes to whichever app offers to do it
        # in the background (comparison, for minors); the answer is its progress page.
        for compare_in_background in hooks.get_hooks("lantian_compare_in_background"):
            progress_url = compare_in_background(request, self.resource(), upload)
            if progress_url:
                return redirect(progress_url)
        try:
            headings, rows = self.resource().compare_sheet(upload.read(), upload.name)
        except SheetError as error:
            form.add_error("file", str(error))
            return self.page(form)
        content = spreadsheets.xlsx_bytes(headings, rows)
        return spreadsheets.comparison_download(
            request.user, self.model, upload.name, content, len(rows)
        )

    def get_page_title(self):
        return _("Compare a list with %s") % self.model._meta.verbose_name_plural

    def page(self, form):
        return self.render("lantian/imports/compare.html", form=form, resource=self.resource())
