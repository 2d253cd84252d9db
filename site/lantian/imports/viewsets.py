"""``SpreadsheetMixin``: the one line that gives a registry's viewset its import button, import
template, import screens and a logged, masked, formula-safe export of the filtered listing::

    class MinorViewSet(SpreadsheetMixin, SnippetViewSet): ...

The columns come from the registry's Resource in ``<app>/resources.py`` (the subclass of
``RegistryResource`` whose ``Meta.model`` is the viewset's model), or ``resource_class`` if set.
"""

from importlib import import_module

from django.contrib.contenttypes.models import ContentType
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.widgets.button import Button

from lantian.models import ExportRecord

from . import spreadsheets, views
from .resources import RegistryResource


class SpreadsheetIndexMixin:
    """Mixed into the viewset's own index view class, whatever it is, so that the listing keeps
    its filters and scope and the export is exactly the rows the user sees."""

    spreadsheet_viewset = None

    @cached_property
    def show_export_buttons(self):
        return True

    def _may_import(self):
        policy = self.spreadsheet_viewset.permission_policy
        user = self.request.user
        return policy.user_has_permission(user, "add") and policy.user_has_permission(
            user, "change"
        )

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self._may_import():
            name = self.spreadsheet_viewset.get_url_name
            buttons += [
                Button(_("Import"), url=reverse(name("import")), icon_name="upload", priority=80),
                Button(
                    _("Download import template"),
                    url=reverse(name("import_template")),
                    icon_name="download",
                    priority=81,
                ),
            ]
            resource = self.spreadsheet_viewset.get_spreadsheet_resource()
            if hasattr(resource, "compare_sheet"):
                buttons.append(
                    Button(
                        _("Compare a list (信息比对)"),
                        url=reverse(name("compare")),
                        icon_name="resubmit",
                        priority=82,
                    )
                )
        return buttons

    def as_spreadsheet(self, queryset, spreadsheet_format):
        resource = self.spreadsheet_viewset.get_spreadsheet_resource()(user=self.request.user)
        headings, rows = resource.export_rows(queryset)
        params = self.request.GET.copy()
        params.pop("export", None)
        ExportRecord.objects.create(
            content_type=ContentType.objects.get_for_model(self.model),
            user=self.request.user,
            file_format=spreadsheet_format,
            row_count=len(rows),
            filters=params.urlencode()[:1000],
            masked=not resource.may_view_identifiers() and bool(resource.masked_fields),
        )
        if spreadsheet_format == "csv":
            content = spreadsheets.csv_bytes(headings, rows)
        else:
            content = spreadsheets.xlsx_bytes(headings, rows)
        filename = f"{self.model._meta.verbose_name_plural}.{spreadsheet_format}"
        return spreadsheets.download(content, filename, spreadsheet_format)


class SpreadsheetMixin:
    resource_class = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        base = self.index_view_class
        self.index_view_class = type(
            f"Spreadsheet{base.__name__}",
            (SpreadsheetIndexMixin, base),
            {"spreadsheet_viewset": self},
        )

    def get_spreadsheet_resource(self):
        if self.resource_class is not None:
            return self.resource_class
        module = import_module(f"{self.model._meta.app_label}.resources")
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, RegistryResource)
                and getattr(value._meta, "model", None) is self.model
            ):
                return value
        raise LookupError(f"No RegistryResource for {self.model.__name__} in {module.__name__}")

    def spreadsheet_view(self, view_class):
        return view_class.as_view(viewset=self)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("import/", self.spreadsheet_view(views.UploadView), name="import"),
            path("compare/", self.spreadsheet_view(views.CompareView), name="compare"),
            path(
                "import/template/",
                self.spreadsheet_view(views.TemplateDownloadView),
                name="import_template",
            ),
            path("import/<int:pk>/", self.spreadsheet_view(views.DetailView), name="import_detail"),
            path(
                "import/<int:pk>/confirm/",
                self.spreadsheet_view(views.ConfirmView),
                name="import_confirm",
            ),
            path(
                "import/<int:pk>/cancel/",
                self.spreadsheet_view(views.CancelView),
                name="import_cancel",
            ),
            path(
                "import/<int:pk>/errors/",
                self.spreadsheet_view(views.ErrorReportView),
                name="import_errors",
            ),
        ]
