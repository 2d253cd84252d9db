"""Custom fields (自定义字段): what an administrator adds to a record type without code or a
migration, and the values entered for them.

Values live in one typed table, one row per record and field (one row per chosen option for
"several choices"), so that a filter on a custom field is an index range scan on
(field, value, record) and never a scan of a JSON document; bench/lowcode.py measures it against
a filter on built-in columns. A field that has values is archived, never deleted, so nothing
entered is ever lost."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from .. import records


class Kind(models.TextChoices):
    TEXT = "text", _("text")
    LONG_TEXT = "long_text", _("long text")
    NUMBER = "number", _("number")
    DATE = "date", _("date")
    YES_NO = "yes_no", _("yes/no")
    CHOICE = "choice", _("one choice")
    CHOICES = "choices", _("several choices")
    TOWNSHIP = "township", _("township or street office")
    VILLAGE = "village", _("village or residents' committee")
    FILE = "file", _("file")


# The value column each kind is stored in.
COLUMN = {
    Kind.TEXT: "text",
    Kind.LONG_TEXT: "long_text",
    Kind.NUMBER: "number",
    Kind.DATE: "date",
    Kind.YES_NO: "flag",
    Kind.CHOICE: "text",
    Kind.CHOICES: "text",
    Kind.TOWNSHIP: "ref",
    Kind.VILLAGE: "ref",
    Kind.FILE: "file",
}


# A place that is a tab of its own, named by the administrator: "tab:随访信息".
TAB = "tab:"


class CustomField(models.Model):
    """One field an administrator added to a record type."""

    record_type = models.CharField(
        _("record type"),
        max_length=30,
        choices=records.choices(),
        help_text=_("Which records get this field."),
    )
    label_zh = models.CharField(
        _("label (Chinese)"),
        max_length=60,
        help_text=_("As staff read it on the form, e.g. 是否留守儿童."),
    )
    label_en = models.CharField(
        _("label (English)"),
        max_length=60,
        blank=True,
        help_text=_("For staff who use the admin in English; the Chinese label if blank."),
    )
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=Kind.choices,
        default=Kind.TEXT,
        help_text=_("What may be entered. Cannot change once values are on record."),
    )
    help_text = models.CharField(
        _("help text"), max_length=200, blank=True, help_text=_("Shown under the field.")
    )
    required = models.BooleanField(
        _("required"), default=False, help_text=_("The record cannot be saved without it.")
    )
    choices = models.TextField(
        _("choices"),
        blank=True,
        help_text=_("For one or several choices: one choice per line."),
    )
    categories = models.ManyToManyField(
        "protection.TargetCategory",
        verbose_name=_("applies to categories"),
        blank=True,
        related_name="+",
        help_text=_(
            "For minors and cases: required only for records in these categories. "
            "None: every record."
        ),
    )
    kinds = models.JSONField(
        _("applies to kinds"),
        default=list,
        blank=True,
        help_text=_(
            "For training sessions (topics), campaigns (channels), volunteers (skills) and "
            "visits (kind of visit): shown and required only for records of these kinds. "
            "None: every record."
        ),
    )
    place = models.CharField(
        _("place on the form"),
        max_length=60,
        blank=True,
        help_text=_(
            "The section or tab of the form it appears in, or a new tab of its own; blank: "
            '"additional information".'
        ),
    )
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Position within its section.")
    )
    in_listing = models.BooleanField(
        _("listing column"), default=False, help_text=_("Show it as a column of the listing.")
    )
    in_filters = models.BooleanField(
        _("listing filter"), default=False, help_text=_("Offer it as a filter of the listing.")
    )
    archived = models.BooleanField(
        _("archived"),
        default=False,
        help_text=_("Retired: no longer on forms, but every value stays on record."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    panels = [
        FieldRowPanel([FieldPanel("record_type"), FieldPanel("kind")]),
        FieldRowPanel([FieldPanel("label_zh"), FieldPanel("label_en")]),
        FieldPanel("help_text"),
        FieldPanel("choices"),
        FieldRowPanel([FieldPanel("required"), FieldPanel("archived")]),
        FieldPanel("categories"),
        FieldPanel("kinds"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("place"), FieldPanel("new_tab"), FieldPanel("sort_order")]
                ),
                FieldRowPanel([FieldPanel("in_listing"), FieldPanel("in_filters")]),
            ],
            heading=_("place"),
        ),
    ]

    class Meta:
        ordering = ["record_type", "place", "sort_order", "pk"]
        verbose_name = _("custom field")
        verbose_name_plural = _("custom fields")

    def __str__(self):
        return self.label

    @property
    def label(self):
        if translation.get_language() and translation.get_language().startswith("en"):
            return self.label_en or self.label_zh
        return self.label_zh

    @property
    def form_name(self):
        """The name of the form field and the listing parameter: stable across renames."""
        return f"cf_{self.pk}"

    @property
    def column(self):
        return COLUMN[self.kind]

    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]

    @property
    def new_tab(self):
        """The name of the tab of its own it is placed in, or None (see TAB)."""
        return self.place[len(TAB) :] if self.place.startswith(TAB) else None

    def wanted_kinds(self):
        """The kinds (category ids of minors and cases, the kinds of other records, as text)
        this field is limited to; empty: every record. Kept on the instance, so that a cached
        field definition answers without a query."""
        wanted = self.__dict__.get("_wanted_kinds")
        if wanted is None:
            categories = {str(c.pk) for c in self.categories.all()} if self.pk else set()
            wanted = frozenset(categories | {str(k) for k in self.kinds or []})
            self._wanted_kinds = wanted
        return wanted

    def has_values(self):
        return self.pk is not None and self.values.exists()

    def clean(self):
        errors = {}
        if self.place == TAB:
            errors["place"] = _("Give the new tab a name.")
        if self.kinds:
            offered = {value for value, _label in records.kind_choices(self.record_type)}
            if self.record_type in records.BY_CATEGORY or not set(self.kinds) <= offered:
                errors["kinds"] = _("Choose kinds of the record type the field belongs to.")
        if self.kind in (Kind.CHOICE, Kind.CHOICES) and not self.choice_list():
            errors["choices"] = _("Give at least one choice, one per line.")
        if self.pk:
            before = CustomField.objects.filter(pk=self.pk).first()
            if before and before.has_values():
                if before.kind != self.kind and COLUMN[before.kind] != COLUMN[self.kind]:
                    errors["kind"] = _(
                        "Values are on record in this kind; add a new field instead."
                    )
                if before.record_type != self.record_type:
                    errors["record_type"] = _(
                        "Values are on record for this record type; add a new field instead."
                    )
        if errors:
            raise ValidationError(errors)


def protected_files():
    """Files attached through custom fields are about minors: no public URL, like photos."""
    from protection.models.registry import protected_storage

    return protected_storage()


def custom_file_path(value, filename):
    """A folder of its own for each file, so that the file keeps the name it was uploaded
    with (the name staff see in exports and on the download) however many share it."""
    import uuid

    from django.utils import timezone

    return f"custom-fields/{timezone.now():%Y/%m}/{uuid.uuid4().hex}/{filename}"


class CustomValue(models.Model):
    """The value of one custom field on one record. Exactly one value column is used, the one
    its field's kind names (COLUMN)."""

    field = models.ForeignKey(CustomField, on_delete=models.PROTECT, related_name="values")
    object_id = models.BigIntegerField()
    text = models.CharField(max_length=255, blank=True, default="")
    long_text = models.TextField(blank=True, default="")
    number = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    flag = models.BooleanField(null=True, blank=True)
    ref = models.BigIntegerField(null=True, blank=True)
    file = models.FileField(
        storage=protected_files, upload_to=custom_file_path, blank=True, max_length=255
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("custom value")
        verbose_name_plural = _("custom values")
        # (field, value, record): a filter reads one index range and yields record ids.
        indexes = [
            models.Index(fields=["field", "object_id"], name="lowcode_value_record"),
            models.Index(fields=["field", "text", "object_id"], name="lowcode_value_text"),
            models.Index(fields=["field", "number", "object_id"], name="lowcode_value_number"),
            models.Index(fields=["field", "date", "object_id"], name="lowcode_value_date"),
            models.Index(fields=["field", "flag", "object_id"], name="lowcode_value_flag"),
            models.Index(fields=["field", "ref", "object_id"], name="lowcode_value_ref"),
        ]

    def __str__(self):
        return f"{self.field} #{self.object_id}"
