"""Training admin screens beyond the viewsets' listings and forms: the calendar, check-in on
the day with the attendance sheet's export and import, the certificate and the figures."""

import datetime as dt
import uuid

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from import_export.formats.base_formats import XLSX
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from protection.models import Department, Township

from .. import calendar as grid
from .. import figures
from ..forms import RegistrationForm
from ..models import Registration, Trainer, TrainingSession
from ..registration import RegistrationRefused, register
from ..resources import RegistrationResource

VIEW = "training.view_trainingsession"
CHANGE = "training.change_registration"


class TrainingAdminView(WagtailAdminTemplateMixin, TemplateView):
    """An admin page that needs a permission of the training group."""

    permission = VIEW
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class CalendarView(TrainingAdminView):
    template_name = "training/admin/calendar.html"
    page_title = gettext_lazy("Training calendar")

    def get_context_data(self, **kwargs):
        params = self.request.GET
        mode = "week" if params.get("mode") == "week" else "month"
        try:
            anchor = dt.date.fromisoformat(params.get("date", ""))
        except ValueError:
            anchor = timezone.localdate()
        sessions = TrainingSession.objects.select_related("township", "venue").prefetch_related(
            "trainers"
        )
        chosen = {}
        for name, model, lookup in (
            ("unit", Department, "organiser"),
            ("trainer", Trainer, "trainers"),
            ("township", Township, "township"),
        ):
            value = params.get(name, "")
            chosen[name] = model.objects.filter(pk=value).first() if value.isdigit() else None
            if chosen[name]:
                sessions = sessions.filter(**{lookup: chosen[name]})
        filters = {k: v.pk for k, v in chosen.items() if v}
        return {
            **super().get_context_data(**kwargs),
            **grid.build(mode, anchor, sessions.distinct()),
            "mode": mode,
            "anchor": anchor,
            "chosen": chosen,
            "filters": filters,
            "units": Department.objects.filter(training_sessions__isnull=False).distinct(),
            "trainers": Trainer.objects.filter(is_active=True),
            "townships": Township.objects.all(),
            "weekdays": [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")],
            "edit_url": "training_sessions:edit",
        }


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("attendance sheet (xlsx)"),
        help_text=gettext_lazy("A sheet exported from this page, with the 签到 column filled in."),
    )


class CheckInView(TrainingAdminView):
    """The day's list: tick people off as they arrive, add walk-ins, export and import the sheet.
    Every change is written to the audit log."""

    template_name = "training/admin/checkin.html"
    permission = CHANGE

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.session = get_object_or_404(TrainingSession, pk=kwargs["pk"])

    def get_page_title(self):
        return _("Check-in: %(session)s") % {"session": self.session}

    def url(self):
        return reverse("training_checkin", args=[self.session.pk])

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()
        registrations = self.session.registrations.select_related("township")
        if query:
            registrations = registrations.filter(name__icontains=query) | registrations.filter(
                phone__contains=query
            )
        everyone = self.session.registrations
        return {
            **super().get_context_data(**kwargs),
            "session": self.session,
            "registrations": registrations.order_by("name"),
            "query": query,
            "counts": {"registered": everyone.count(), "attended": everyone.attended().count()},
            "walk_in": kwargs.get("walk_in") or RegistrationForm(prefix="walkin"),
            "upload": kwargs.get("upload") or UploadForm(),
            "preview": kwargs.get("preview"),
            "edit_url": reverse("training_sessions:edit", args=[self.session.pk]),
            "export_url": reverse("training_attendance_export", args=[self.session.pk]),
        }

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        handler = {
            "check-in": self.check_in,
            "undo": self.check_in,
            "walk-in": self.walk_in,
            "upload": self.upload,
            "confirm": self.confirm,
        }.get(action)
        if handler is None:
            return redirect(self.url())
        return handler(request)

    def check_in(self, request):
        registration = get_object_or_404(
            self.session.registrations, pk=request.POST.get("registration")
        )
        arriving = request.POST["action"] == "check-in"
        registration.checked_in_at = timezone.now() if arriving else None
        registration.save(update_fields=["checked_in_at"])
        log(registration, "training.check_in" if arriving else "training.undo_check_in")
        return redirect(self.url() + "#r" + str(registration.pk))

    def walk_in(self, request):
        form = RegistrationForm(request.POST, prefix="walkin")
        if form.is_valid():
            data = form.cleaned_data
            try:
                registration = register(
                    self.session.pk,
                    name=data["name"],
                    phone=data["phone"],
                    email=data["email"],
                    township=data["township"],
                    organisation=data["organisation"],
                    source=Registration.Source.STAFF,
                    checked_in_at=timezone.now(),
                )
            except RegistrationRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                log(registration, "wagtail.create")
                messages.success(request, _("%(name)s is registered and checked in.") % data)
                return redirect(self.url())
        return self.render_to_response(self.get_context_data(walk_in=form))

    def _import(self, content, dry_run):
        dataset = XLSX().create_dataset(content)
        resource = RegistrationResource(session=self.session)
        return resource.import_data(dataset, dry_run=dry_run, use_transactions=True)

    def upload(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(upload=form))
        content = form.cleaned_data["file"].read()
        try:
            result = self._import(content, dry_run=True)
        except Exception:  # not an xlsx file, or not one this page exported
            form.add_error("file", _("This is not an attendance sheet exported from this page."))
            return self.render_to_response(self.get_context_data(upload=form))
        # Kept in the shared cache, not on this server's disk: the confirmation may reach
        # another application server.
        key = f"training-import-{uuid.uuid4().hex}"
        cache.set(key, content, 3600)
        return self.render_to_response(
            self.get_context_data(preview={"result": result, "key": key})
        )

    def confirm(self, request):
        key = request.POST.get("key", "")
        content = cache.get(key) if key.startswith("training-import-") else None
        if content is None:
            messages.error(request, _("The upload has expired; upload the sheet again."))
            return redirect(self.url())
        result = self._import(content, dry_run=False)
        cache.delete(key)
        if result.has_errors() or result.has_validation_errors():
            messages.error(request, _("The sheet has errors; nothing was imported."))
        else:
            totals = result.totals
            log(
                self.session,
                "training.import_attendance",
                data={"new": totals.get("new", 0), "updated": totals.get("update", 0)},
            )
            messages.success(
                request,
                _("Attendance imported: %(new)d new, %(updated)d updated.")
                % {"new": totals.get("new", 0), "updated": totals.get("update", 0)},
            )
        return redirect(self.url())


def attendance_export(request, pk):
    if not request.user.has_perm(CHANGE):
        raise PermissionDenied
    session = get_object_or_404(TrainingSession, pk=pk)
    dataset = RegistrationResource(session=session).export()
    log(session, "training.export_attendance")
    response = HttpResponse(
        XLSX().export_data(dataset),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"attendance-{session.pk}-{timezone.localtime(session.start):%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class CertificateView(TemplateView):
    """A printable certificate of attendance for a person who was checked in."""

    template_name = "training/admin/certificate.html"

    def get_context_data(self, **kwargs):
        if not self.request.user.has_perm(VIEW):
            raise PermissionDenied
        registration = get_object_or_404(
            Registration.objects.attended().select_related("session__organiser"),
            pk=kwargs["pk"],
        )
        log(registration, "training.certificate")
        session = registration.session
        return {
            "registration": registration,
            "session": session,
            "topics": "、".join(t.name for t in session.topics.all()),
            "hours": round((session.end - session.start).total_seconds() / 3600, 1),
            "issued": timezone.localdate(),
        }


class FiguresView(TrainingAdminView):
    template_name = "training/admin/figures.html"
    page_title = gettext_lazy("Training figures")
    header_icon = "table"

    def get_context_data(self, **kwargs):
        year = self.request.GET.get("year", "")
        year = int(year) if year.isdigit() else timezone.localdate().year
        return {
            **super().get_context_data(**kwargs),
            "year": year,
            "years": range(timezone.localdate().year + 1, 2014, -1),
            "figures": figures.for_year(year),
            "quarters": ["Q1", "Q2", "Q3", "Q4"],
        }
