"""Custom fields on the record forms.

The registries' edit handlers are built once, when the admin starts, but an administrator adds
fields at any time. So the form fields are added when each form is made (CustomFieldsFormMixin)
and the panels that show them pick them up when each form is drawn (CustomFieldsPanel): a new
field is on the next form opened, with no restart and no migration."""

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PanelGroup,
    TabbedInterface,
)

from . import records, values
from .models import Kind
from .models.fields import TAB

ADDITIONAL = gettext_lazy("additional information (补充信息)")


def place_key(heading):
    """A form section's key: its heading in English, the same whatever language the admin
    speaks, so that a field keeps its place when the admin is translated."""
    with translation.override("en"):
        return str(heading)


class CustomFieldsFormMixin:
    """Adds the record type's custom fields to a model form, validates them like built-in
    fields (a required one only for the categories it applies to) and hands their values over
    for saving."""

    # False on a child form (a guardian in the minor's form): the parent form saves the
    # children's values with its own, in one history entry.
    saves_custom_values = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.record_key = key = records.key_for(self._meta.model)
        fields = values.fields_for(key)
        current = values.read_one(self.instance, fields) if self.instance.pk else {}
        if self.instance.pk:
            # An existing record shows the fields of its kinds, and any that hold a value.
            fields = [
                f for f in fields if f.pk in current or values.applies_to_record(f, self.instance)
            ]
        self.custom_fields = fields
        self.custom_initial = current
        for field in self.custom_fields:
            value = current.get(field.pk)
            form_field = values.form_field(field, value)
            # Required for every record: Django's own check and asterisk. Required for some
            # kinds only, or a file already on record: checked in clean().
            form_field.required = (
                field.required
                and not field.wanted_kinds()
                and not (field.kind == Kind.FILE and value)
            )
            if field.wanted_kinds() and not self.instance.pk:
                form_field.help_text = " ".join(
                    filter(None, [str(field.help_text), str(_("Only for some kinds of record."))])
                )
            self.fields[field.form_name] = form_field
            if value is not None:
                self.initial[field.form_name] = values.initial(field, value)

    def clean(self):
        cleaned = super().clean()
        kinds = records.kinds_in_form(self.record_key, self, cleaned)
        if kinds is None:
            kinds = records.kinds_of(self.record_key, self.instance)
        for field in self.custom_fields:
            if not field.required or self.fields[field.form_name].required:
                continue
            if field.kind == Kind.FILE and self.custom_initial.get(field.pk):
                continue
            empty = cleaned.get(field.form_name) in (None, "", [])
            if empty and values.applies(field, kinds):
                self.add_error(
                    field.form_name,
                    ValidationError(_("This field is required."), code="required"),
                )
        return cleaned

    def custom_values(self):
        data = getattr(self, "cleaned_data", {})
        return {
            field: values.from_form(field, data.get(field.form_name))
            for field in self.custom_fields
            if field.form_name in data
        }

    def save(self, commit=True):
        """Store the custom values with the record, before Wagtail takes the revision that
        follows the save, so that the revision holds them (signals.revision_saved)."""
        instance = super().save(commit=commit)
        if commit and self.saves_custom_values:
            save_form_values(self, getattr(self, "for_user", None))
        return instance


def with_custom_fields(form_class, child=False):
    if issubclass(form_class, CustomFieldsFormMixin):
        return form_class
    attrs = {"saves_custom_values": not child}
    return type(f"Custom{form_class.__name__}", (CustomFieldsFormMixin, form_class), attrs)


class CustomFieldsPanel(MultiFieldPanel):
    """The custom fields placed in one section of the form (place), or, with place=None, every
    field placed nowhere else. Asks the form which fields it carries when it is drawn."""

    def __init__(self, place=None, known_places=(), *args, **kwargs):
        kwargs.setdefault("children", [])
        super().__init__(*args, **kwargs)
        self.place = place
        self.known_places = tuple(known_places)

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs.update(place=self.place, known_places=self.known_places)
        return kwargs

    def get_form_options(self):
        return {}  # the form adds the fields itself (CustomFieldsFormMixin)

    def placed_here(self, field):
        if self.place is None:
            return field.place not in self.known_places and field.new_tab is None
        return field.place == self.place

    class BoundPanel(MultiFieldPanel.BoundPanel):
        def get_comparison(self):
            """Compare (between revisions) has no form: the fields placed here, archived ones
            too, read from each revision."""
            key = records.key_for(self.panel.model)
            fields = values.fields_for(key, include_archived=True)
            return values.comparisons([f for f in fields if self.panel.placed_here(f)])

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.children = []
            for field in getattr(self.form, "custom_fields", []):
                if not self.panel.placed_here(field):
                    continue
                panel = FieldPanel(field.form_name, heading=field.label)
                bound = panel.bind_to_model(self.panel.model).get_bound_panel(
                    instance=self.instance, form=self.form, request=self.request, prefix=self.prefix
                )
                self.children.append(bound)


def claiming(panel_class):
    """panel_class whose form rendering counts the custom fields as drawn by their panels.
    Wagtail draws every form field no panel declares after the panels (for hidden fields), and
    custom fields cannot be declared (they are not model fields): without this they would be
    drawn twice."""
    base = panel_class.BoundPanel

    class BoundPanel(base):
        def render_missing_fields(self):
            drawn = set(self.panel.get_form_options().get("fields", []))
            drawn |= {f.form_name for f in getattr(self.form, "custom_fields", [])}
            missing = [str(self.form[name]) for name in self.form.fields if name not in drawn]
            return mark_safe("".join(missing))

    return type(panel_class.__name__, (panel_class,), {"BoundPanel": BoundPanel})


class CustomFieldsInlinePanel(InlinePanel):
    """An inline (a minor's guardians) whose child forms carry the child record's fields."""

    @property
    def panel_definitions(self):
        return [*super().panel_definitions, CustomFieldsPanel(heading=ADDITIONAL)]

    @cached_property
    def child_edit_handler(self):
        handler = claiming(MultiFieldPanel)(self.panel_definitions, heading=self.heading)
        return handler.bind_to_model(self.db_field.related_model)

    def get_form_options(self):
        options = super().get_form_options()
        formset = options["formsets"][self.relation_name]
        formset["form"] = with_custom_fields(formset.get("form", WagtailAdminModelForm), child=True)
        return options


def _headed(panel):
    """A section or a tab of the form (a headed group) that custom fields may join."""
    if isinstance(panel, CustomFieldsPanel):
        return False
    return isinstance(panel, MultiFieldPanel | ObjectList) and bool(panel.heading)


def form_places(panels):
    """[(key, heading)] of the sections and tabs of a form (the headed groups) where a field
    may go."""
    found = []
    for panel in panels:
        if _headed(panel):
            found.append((place_key(panel.heading), panel.heading))
        if isinstance(panel, PanelGroup) and not isinstance(panel, CustomFieldsPanel):
            found.extend(form_places(panel.children))
    return found


def _extend(panel, places):
    if isinstance(panel, InlinePanel):
        return CustomFieldsInlinePanel(**panel.clone_kwargs())
    if isinstance(panel, PanelGroup) and not isinstance(panel, CustomFieldsPanel):
        kwargs = panel.clone_kwargs()
        children = [_extend(child, places) for child in panel.children]
        if _headed(panel):
            children.append(CustomFieldsPanel(place=place_key(panel.heading)))
        kwargs["children"] = children
        return panel.__class__(**kwargs)
    return panel.clone()


def extend_edit_handler(handler, model):
    """A copy of a (bound) edit handler with a place for custom fields in every headed
    section, a last section for the rest, custom fields in inline children, and a form class
    that carries them."""
    places = tuple(key for key, _heading in form_places(handler.children))
    extended = _extend(handler, places)
    rest = CustomFieldsPanel(heading=ADDITIONAL, known_places=places)
    if isinstance(handler, TabbedInterface):
        extended.children.append(ObjectList([rest], heading=ADDITIONAL))
    else:
        extended.children.append(rest)
    base = handler.base_form_class or getattr(model, "base_form_class", WagtailAdminModelForm)
    extended.base_form_class = with_custom_fields(base)
    extended.__class__ = with_new_tabs(claiming(type(extended)))
    return extended.bind_to_model(model)


def new_tabs(form):
    """The names of the tabs of their own that the form's custom fields are placed in, in the
    order of their first field."""
    names = []
    for field in getattr(form, "custom_fields", []):
        if field.new_tab and field.new_tab not in names:
            names.append(field.new_tab)
    return names


def with_new_tabs(panel_class):
    """panel_class drawn as tabs when an administrator placed fields in tabs of their own:
    the form's own panels (its tabs, or one tab named after the record) and then one tab per
    name. Decided each time a form is drawn, since fields are added while the site runs."""

    class Tabbed(panel_class):
        def get_bound_panel(self, instance=None, request=None, form=None, prefix="panel"):
            names = new_tabs(form)
            if not names:
                return super().get_bound_panel(
                    instance=instance, request=request, form=form, prefix=prefix
                )
            if isinstance(self, TabbedInterface):
                tabs = list(self.children)
            else:
                tabs = [ObjectList(self.children, heading=self.model._meta.verbose_name)]
            for name in names:
                tabs.append(ObjectList([CustomFieldsPanel(place=TAB + name)], heading=name))
            tabbed = claiming(TabbedInterface)(tabs, base_form_class=self.base_form_class)
            return tabbed.bind_to_model(self.model).get_bound_panel(
                instance=instance, request=request, form=form, prefix=prefix
            )

    Tabbed.__name__ = panel_class.__name__
    return Tabbed


def save_form_values(form, user):
    """After the record (and its inline children) are saved: store the custom values of the
    form and of each child form, and write one history entry on the record."""
    changed = {}
    if hasattr(form, "custom_values") and form.instance.pk:
        changed.update(values.write(form.instance, form.custom_values(), user, log_change=False))
    for formset in getattr(form, "formsets", {}).values():
        deleted = set(formset.deleted_forms) if formset.can_delete else set()
        for child in formset.forms:
            if child in deleted or not hasattr(child, "custom_values") or not child.instance.pk:
                continue
            child_changes = values.write(
                child.instance, child.custom_values(), user, log_change=False
            )
            changed.update({f"{child.instance} · {k}": v for k, v in child_changes.items()})
    if changed:
        from wagtail.log_actions import log

        log(form.instance, values.CHANGED, user=user, data={"fields": changed})
    return changed
