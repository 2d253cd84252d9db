"""The base of every registry's spreadsheet: a django-import-export ``ModelResource`` whose fields
(one per column, ``column_name`` the Chinese heading) are the single definition of the columns,
used for the empty template, the import and the export alike.

The import itself does not go through ``Resource.import_data``: saving row by row runs Wagtail's
search and reference index tasks on every save and reached 66 rows/s (STACK-NOTES). The engine in
``engine.py`` reads the same fields and widgets, validates every row, then writes in bulk."""

from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from import_export import resources
from import_export.fields import Field
from import_export.widgets import Widget

from . import parsing
from .columns import RECORD_ID, ExtraField, extra_columns


def mask(value):
    """4101********1234: enough to tell two records apart on screen, not enough to use."""
    text = force_str(value or "")
    if len(text) <= 4:
        return "*" * len(text)
    keep = 4 if len(text) > 8 else 1
    return text[:keep] + "*" * (len(text) - 2 * keep) + text[-keep:]


class RecordIdWidget(Widget):
    def clean(self, value, row=None, **kwargs):
        number = parsing.parse_int(value)
        if number is not None and number <= 0:
            raise ValueError(_("not a whole number"))
        return number

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


class RecordIdField(Field):
    """The record's number in the registry, written by every export, so that a re-imported
    export updates the very records it came from, even when the export masked the ID numbers
    that would otherwise say which record a row is. Blank for new records."""

    def __init__(self):
        super().__init__(
            attribute=RECORD_ID, column_name=_("record number"), widget=RecordIdWidget()
        )
        self.widget.hint = _(
            "Written by an export: leave it as it is. Leave it blank for a new record."
        )


class RegistryResource(resources.ModelResource):
    """Columns of one registry. Subclasses declare fields with Chinese ``column_name``s and the
    widgets of ``lantian.imports.widgets``, ``Meta.import_id_fields`` (the column that says which
    existing record a row updates) and, where the registry holds them:

    - ``masked_fields``: attributes exported masked unless the user has ``identifier_permission``;
    - ``validate_row``: rules across columns (an ID number against a birth date);
    - ``possible_duplicates``: candidates for information comparison (信息比对);
    - ``check_scope``: refuses rows outside the user's jurisdiction."""

    masked_fields = ()
    identifier_permission = None
    derived_fields = ()  # written by prepare_instance, so also updated with any change

    def __init__(self, user=None, **kwargs):
        self.user = user
        super().__init__(**kwargs)

    # columns
    def column_fields(self):
        """The registry's own columns, then the extra columns registered for its model
        (``columns.register_extra_columns``), read once per resource."""
        if getattr(self, "_column_fields", None) is None:
            own = [f for f in self.get_import_fields() if f.column_name]
            taken = {force_str(f.column_name) for f in own}
            extras = [
                ExtraField(column)
                for column in [*self.related_columns(), *extra_columns(self._meta.model, self)]
                if force_str(column.heading) not in taken
            ]
            self._column_fields = [*own, *extras, RecordIdField()]
        return self._column_fields

    def extra_fields(self):
        return [f for f in self.column_fields() if isinstance(f, ExtraField)]

    def headings(self):
        return [force_str(f.column_name) for f in self.column_fields()]

    def heading_for(self, attribute):
        for f in self.column_fields():
            if f.attribute == attribute:
                return force_str(f.column_name)
        return attribute

    def model_field(self, attribute):
        if attribute.startswith("extra:") or attribute == RECORD_ID:
            return None
        try:
            return self._meta.model._meta.get_field(attribute)
        except Exception:
            return None

    def required_attributes(self):
        """Columns a new record cannot do without: model fields that may not be blank and have
        no default."""
        required = []
        for f in self.column_fields():
            if isinstance(f, ExtraField):
                if f.column.required:
                    required.append(f.attribute)
                continue
            field = self.model_field(f.attribute)
            if field is not None and not field.blank and not field.has_default():
                required.append(f.attribute)
        return required

    def key_attributes(self):
        return list(self._meta.import_id_fields)

    def record_label(self):
        return force_str(self._meta.model._meta.verbose_name)

    # hooks for registries that need them
    def scoped_queryset(self):
        """The records this user may update by their record number (all, unless a registry
        narrows it to the user's jurisdiction)."""
        return self.get_queryset()

    def records_by_id(self, ids):
        """{record number: record} among those the user may see; others are simply absent, so
        a guessed number reads as unknown, never as someone else's."""
        found = {}
        ids = sorted(ids)
        for start in range(0, len(ids), 500):
            for obj in self.scoped_queryset().filter(pk__in=ids[start : start + 500]):
                found[obj.pk] = obj
        return found

    def existing_by_key(self, keys):
        """{key tuple: instance} for the keys in the file, read in chunks (never the whole
        table into memory when one column identifies a record)."""
        names = self.key_attributes()
        queryset = self.get_queryset()
        found = {}
        if len(names) == 1:
            keys = [k[0] for k in keys]
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                for obj in queryset.filter(**{f"{names[0]}__in": chunk}):
                    found[(getattr(obj, names[0]),)] = obj
        else:
            # Foreign keys compare by id (the engine's keys hold ids for related records).
            attnames = [getattr(self.model_field(n), "attname", n) for n in names]
            wanted = set(keys)
            for obj in queryset:
                key = tuple(getattr(obj, n) for n in attnames)
                if key in wanted:
                    found[key] = obj
        return found

    def mask_value(self, value):
        return mask(value)

    def prepare_instance(self, instance):
        """Set what the model's save() would derive; bulk writes do not call save()."""

    def validate_row(self, values):
        """{attribute: reason} for rules across columns; none by default."""
        return {}

    def possible_duplicates(self, new_rows):
        """{row number: [description]} of new rows that may be someone already registered."""
        return {}

    def check_scope(self, values, existing):
        """A reason to refuse the row for this user, or None."""
        return None

    def lookup_scope(self):
        """What this user's cells may name, as text, where a column looks records up within the
        user's jurisdiction (a visit's case): rows kept from the preview are written only while
        it is unchanged (``checked.py``). Nothing by default."""
        return ""

    def related_columns(self):
        """``ExtraColumn``s the registry itself adds for related records (a minor's guardian),
        written by ``write_related`` rather than by each column."""
        return []

    def write_related(self, written):
        """[(row, record)] of every new or updated row, after the records and extra columns are
        written: for related records that several columns describe together."""

    def after_bulk_write(self, created, updated):
        """Runs inside the import's transaction after the rows are written."""

    # export
    def may_view_identifiers(self):
        if self.user is None:
            return False
        if self.identifier_permission:
            return self.user.has_perm(self.identifier_permission)
        return self.user.is_superuser

    def export_rows(self, queryset):
        """Headings and rows of the listing as the import template writes them, masked where the
        user may not see identifiers."""
        fields = self.column_fields()
        masked = set() if self.may_view_identifiers() else set(self.masked_fields)
        rows = []
        for chunk in _chunks(self.iter_queryset(queryset), 2000):
            # Extra columns are read a chunk at a time (one query per column, not per row).
            extra = {f.attribute: f.column.read(chunk) for f in self.extra_fields()}
            for obj in chunk:
                row = []
                for f in fields:
                    if f.attribute == RECORD_ID:
                        row.append(obj.pk)
                        continue
                    if f.attribute in extra:
                        row.append(f.column.render(extra[f.attribute].get(obj.pk)))
                        continue
                    value = self.export_field(f, obj)
                    row.append(self.mask_value(value) if f.attribute in masked and value else value)
                rows.append(row)
        return self.headings(), rows

    @classmethod
    def describe(cls):
        return _("%s spreadsheet") % cls._meta.model._meta.verbose_name


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
