"""The attendance sheet of a session as a spreadsheet: exported for the day's paper sign-in and
imported back with who came. One definition for both directions, so an exported file imports.

Headings are Chinese whatever the interface language: the file is a form people fill in, and
the same file must import for every user."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from protection.models import Township

from .forms import normalise_phone
from .models import Registration

YES = {"是", "√", "✓", "1", "yes", "y", "true", "到", "已签到"}


class AttendedWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return str(value or "").strip().lower() in YES

    def render(self, value, obj=None, **kwargs):
        return "是" if value else "否"


class RegistrationResource(resources.ModelResource):
    name = fields.Field("name", column_name="姓名", widget=widgets.CharWidget())
    phone = fields.Field("phone", column_name="电话", widget=widgets.CharWidget())
    township = fields.Field(
        "township",
        column_name="乡镇(街道)",
        widget=widgets.ForeignKeyWidget(Township, field="name"),
    )
    organisation = fields.Field(
        "organisation", column_name="村(居)或单位", widget=widgets.CharWidget()
    )
    attended = fields.Field("attended", column_name="签到", widget=AttendedWidget(), readonly=False)
    checked_in_at = fields.Field(
        "checked_in_at", column_name="签到时间", widget=widgets.DateTimeWidget(), readonly=True
    )

    class Meta:
        model = Registration
        fields = ["name", "phone", "township", "organisation", "attended", "checked_in_at"]
        import_id_fields = ["phone"]
        skip_unchanged = True
        clean_model_instances = True

    def __init__(self, session=None, **kwargs):
        super().__init__(**kwargs)
        self.session = session

    def get_queryset(self):
        return Registration.objects.filter(session=self.session).select_related("township")

    def before_import_row(self, row, **kwargs):
        row["电话"] = normalise_phone(str(row.get("电话") or ""))
        if not row["电话"]:
            raise ValidationError(_("The phone number is missing."))
        if not str(row.get("姓名") or "").strip():
            raise ValidationError(_("The name is missing."))

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute == "attended":
            came = field.clean(row)
            if came and not instance.checked_in_at:
                instance.checked_in_at = timezone.now()
            elif not came:
                instance.checked_in_at = None
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def after_init_instance(self, instance, new, row, **kwargs):
        if new:
            instance.session = self.session
            instance.source = Registration.Source.IMPORT

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        # Rows are saved as they go (inside the import's transaction), so the count includes
        # the rows above this one.
        if instance.pk is None and self.session.registrations.count() >= self.session.capacity:
            raise ValidationError(
                _("The session has %(capacity)d places and they are all taken.")
                % {"capacity": self.session.capacity}
            )
