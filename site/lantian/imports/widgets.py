"""django-import-export widgets that read cells through ``lantian.imports.parsing``.

Each widget's ``clean`` turns one cell into a model value or raises ``ValueError`` with a reason
the user can act on; ``render`` writes the value back the way ``clean`` reads it, which is what
makes an exported sheet import back unchanged."""

from django.utils import translation
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from import_export import widgets

from . import parsing


class TextWidget(widgets.CharWidget):
    """Free text: full-width forms folded, spaces trimmed; an empty cell is ''."""

    def clean(self, value, row=None, **kwargs):
        return parsing.clean_text(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else force_str(value)


class CompactWidget(TextWidget):
    """Codes typed with gaps (ID numbers, phone numbers): every space removed."""

    def clean(self, value, row=None, **kwargs):
        return parsing.clean_compact(value)


class DateWidget(widgets.Widget):
    hint = "2015-10-14"

    def clean(self, value, row=None, **kwargs):
        return parsing.parse_date(value)

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class IntegerWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        return parsing.parse_int(value)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


class BooleanWidget(widgets.Widget):
    hint = "是 / 否"

    def clean(self, value, row=None, **kwargs):
        return parsing.parse_bool(value)

    def render(self, value, obj=None, **kwargs):
        return _("yes") if value else _("no")


class SexWidget(widgets.Widget):
    """男/女 in the sheet; ``male``/``female`` (or whatever the model stores) in the database."""

    hint = "男 / 女"

    def __init__(self, male="male", female="female", **kwargs):
        self.values = {"M": male, "F": female}
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        sex = parsing.parse_sex(value)
        return self.values[sex] if sex else None

    def render(self, value, obj=None, **kwargs):
        return {self.values["M"]: "男", self.values["F"]: "女"}.get(value, "")


class ChoiceWidget(widgets.Widget):
    """A choice written as its label in the user's language (镇), its stored value (town), or the
    part of the label in brackets ("town (镇)" is also 镇): all are accepted."""

    def __init__(self, choices, **kwargs):
        self.choices = list(choices)
        super().__init__(**kwargs)

    def _lookup(self):
        table = {}
        for value, lazy_label in self.choices:
            names = {value}
            # The label in the user's language, and the source label whose brackets often hold
            # the Chinese word staff use ("extreme poverty support (特困)").
            with translation.override(None):
                source = force_str(lazy_label)
            for label in (force_str(lazy_label), source):
                names.add(label)
                if "(" in label and label.endswith(")"):
                    outer, inner = label[:-1].split("(", 1)
                    names |= {outer, inner}
            for name in names:
                table[parsing.clean_compact(name).lower()] = value
        return table

    def clean(self, value, row=None, **kwargs):
        text = parsing.clean_compact(value).lower()
        if not text:
            return None
        try:
            return self._lookup()[text]
        except KeyError:
            labels = "、".join(force_str(label) for _value, label in self.choices)
            raise ValueError(_("not one of: %s") % labels) from None

    def render(self, value, obj=None, **kwargs):
        return force_str(dict(self.choices).get(value, value or ""))


class PlaceWidget(widgets.ForeignKeyWidget):
    """A township (or village) by name, with or without its suffix: 乔楼镇, 乔楼 and 乔楼 镇 all
    name the same township. The table is loaded once per import, not once per row."""

    def __init__(self, model, field="name", suffixes=parsing.PLACE_SUFFIXES, **kwargs):
        self.suffixes = suffixes
        self._table = None
        super().__init__(model, field=field, **kwargs)

    def table(self):
        if self._table is None:
            table = {}
            for obj in self.get_queryset(None, None):
                key = parsing.place_key(getattr(obj, self.field), self.suffixes)
                table.setdefault(key, []).append(obj)
            self._table = table
        return self._table

    def clean(self, value, row=None, **kwargs):
        text = parsing.clean_compact(value)
        if not text:
            return None
        matches = self.table().get(parsing.place_key(text, self.suffixes), [])
        exact = [obj for obj in matches if getattr(obj, self.field) == text]
        if len(exact) == 1 or len(matches) == 1:
            return (exact or matches)[0]
        if not matches:
            raise ValueError(_("no such %s") % self.model._meta.verbose_name)
        raise ValueError(_("more than one %s has this name") % self.model._meta.verbose_name)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else getattr(value, self.field)
