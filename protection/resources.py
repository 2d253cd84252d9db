"""The spreadsheet columns of the protection registries (one django-import-export Resource each):
the Chinese headings of the import template, of the import and of the export.

The headings are the words the village archives use; they are source strings in English wrapped
in gettext like every other label, and the zh_Hans catalogue gives the Chinese."""

from django.core.exceptions import ValidationError
from django.utils.encoding import force_str
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from import_export.fields import Field

from lantian.crypto import keyed_hash
from lantian.crypto import mask as crypto_mask
from lantian.imports.columns import PREFIX, ExtraColumn
from lantian.imports.parsing import VILLAGE_SUFFIXES, clean_compact, place_key
from lantian.imports.resources import RegistryResource
from lantian.imports.widgets import (
    BooleanWidget,
    ChoiceWidget,
    CompactWidget,
    DateWidget,
    IntegerWidget,
    PlaceWidget,
    SexWidget,
    TextWidget,
)

from .identity import cross_check, validate_id_number
from .models import Department, Family, Guardian, Minor, Township, Village
from .scope import TOWNSHIP, VILLAGE, scope_for, visible

COMPARE_CHUNK = 500  # rows of a department's list compared between two progress reports


class TownshipResource(RegistryResource):
    name = Field("name", _("name"), widget=TextWidget())
    kind = Field("kind", _("kind"), widget=ChoiceWidget(Township.Kind.choices))
    sort_order = Field("sort_order", _("order"), widget=IntegerWidget())
    station_name = Field("station_name", _("guidance station"), widget=TextWidget())
    hotline = Field("hotline", _("hotline"), widget=CompactWidget())
    station_address = Field("station_address", _("station address"), widget=TextWidget())

    class Meta:
        model = Township
        fields = ("name", "kind", "sort_order", "station_name", "hotline", "station_address")
        import_id_fields = ("name",)

    def existing_by_key(self, keys):
        """乔楼 in a sheet is the township 乔楼镇: a row updates the township its name means,
        with or without the suffix, rather than adding a second one."""
        wanted = {place_key(k[0]): k for k in keys}
        found = {}
        for township in Township.objects.all():
            key = wanted.get(place_key(township.name))
            if key is not None:
                found[key] = township
        return found


class DepartmentResource(RegistryResource):
    name = Field("name", _("name"), widget=TextWidget())
    level = Field("level", _("level"), widget=ChoiceWidget(Department.Level.choices))
    sort_order = Field("sort_order", _("order"), widget=IntegerWidget())
    is_lead_office = Field("is_lead_office", _("leading-group office"), widget=BooleanWidget())

    class Meta:
        model = Department
        fields = ("name", "level", "sort_order", "is_lead_office")
        import_id_fields = ("name",)


class IdNumberWidget(CompactWidget):
    """ID numbers: spaces removed, a lower-case x read as X (the check character)."""

    hint = "18 位，最后一位可为 X"

    def clean(self, value, row=None, **kwargs):
        return super().clean(value, row, **kwargs).upper()


class VillageWidget(PlaceWidget):
    """A village by name within the township of the same row: 槐西 and 槐西村 are the same, and
    two townships may each have a 李村."""

    def __init__(self, township_heading, **kwargs):
        self.township_heading = township_heading
        super().__init__(Village, suffixes=VILLAGE_SUFFIXES, **kwargs)

    def table(self):
        if self._table is None:
            table = {}
            for village in Village.objects.select_related("township"):
                key = (place_key(village.township.name), place_key(village.name, self.suffixes))
                table.setdefault(key, []).append(village)
            self._table = table
            # The heading in the language of this import, translated once with the table.
            self._heading = str(self.township_heading)
        return self._table

    def clean(self, value, row=None, **kwargs):
        text = clean_compact(value)
        if not text:
            return None
        table = self.table()
        township = place_key((row or {}).get(self._heading, ""))
        matches = table.get((township, place_key(text, self.suffixes)), [])
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise ValueError(_("no such village in this township"))
        raise ValueError(_("more than one village of this township has this name"))


class ScopedRowsMixin:
    """Rows outside the user's jurisdiction are refused (protection.scope): a township clerk
    imports for their own townships, a village supervisor for their own villages."""

    def scoped_queryset(self):
        return visible(self.get_queryset(), self.user)

    def check_scope(self, values, existing):
        scope = scope_for(self.user)
        if scope.is_city:
            return None
        for instance in (values, existing and vars(existing)):
            if not instance:
                continue
            township_id = getattr(instance.get("township"), "pk", instance.get("township_id"))
            village_id = getattr(instance.get("village"), "pk", instance.get("village_id"))
            if scope.level == TOWNSHIP and township_id in scope.township_ids:
                continue
            if scope.level == VILLAGE and village_id in scope.village_ids:
                continue
            return _("This row is outside your jurisdiction.")
        return None


class RelationWidget(ChoiceWidget):
    """与未成年人关系 as village sheets write it: besides the registry's own words (父亲, 母亲,
    祖父母/外祖父母 …), the everyday ones (爸爸, 奶奶, 外婆, 叔叔 …), each mapped to the relation it
    means. Anything else is refused with the words that are accepted, so the clerk can correct
    the cell at once."""

    # The words are the sheets' own Chinese, not interface text: they are read, never shown
    # translated.
    WORDS = {
        Guardian.Relation.FATHER: ("父亲", "父", "爸爸", "爸"),
        Guardian.Relation.MOTHER: ("母亲", "母", "妈妈", "妈"),
        Guardian.Relation.GRANDPARENT: (
            "祖父母", "外祖父母", "祖父", "祖母", "外祖父", "外祖母",
            "爷爷", "奶奶", "外公", "外婆", "姥爷", "姥姥",
        ),
        Guardian.Relation.SIBLING: ("成年兄姐", "哥哥", "姐姐", "兄长", "兄", "姐"),
        Guardian.Relation.RELATIVE: (
            "其他亲属", "亲属", "叔叔", "伯伯", "伯父", "叔父", "姑姑", "姑妈",
            "舅舅", "舅妈", "姨妈", "婶婶",
        ),
        Guardian.Relation.OTHER: ("其他", "其它"),
    }  # fmt: skip

    def __init__(self, **kwargs):
        super().__init__(Guardian.Relation.choices, **kwargs)
        self._tables = {}

    def _lookup(self):
        # Built once per language rather than for every cell: two relation columns a row.
        language = get_language()
        if language not in self._tables:
            table = super()._lookup()
            for relation, words in self.WORDS.items():
                for word in words:
                    table[word] = relation
            self._tables[language] = table
        return self._tables[language]

    def accepted(self):
        """父亲（父、爸爸、爸）；母亲（…）…: each relation's label with the other words for it."""
        parts = []
        for relation, label in self.choices:
            label = force_str(label)
            others = [w for w in self.WORDS.get(relation, ()) if w != label]
            parts.append(f"{label}（{'、'.join(others)}）" if others else label)
        return "；".join(parts)

    @property
    def hint(self):
        return self.accepted()

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(
                _("not a relation the registry knows; write one of: %s") % self.accepted()
            ) from None


class GuardianColumns:
    """The guardian columns of the minor sheet: 监护人姓名, 与未成年人关系, 监护人身份证号, 监护人
    电话, 监护人状况 for the first guardian and the same with 监护人2 for the second. Village
    sheets of 困境儿童 carry the guardians on the child's own row, one row per child, often
    two of them (father and mother, or the grandparents), rather than on a second sheet keyed by
    the child's ID number (which many children in the sheets do not have yet): so the import
    reads them there.

    Each guardian of a row is the minor's guardian with the same ID number, else the same name,
    else a new guardian (one guardian on record is never taken by both columns of one row);
    guardians are never removed by an import. The export writes the first two guardians in the
    record's order, masked like the minor's ID number, and a masked cell that matches the stored
    number keeps it."""

    FIELDS = ("name", "relation", "id_number", "phone", "situation")
    MASKED = ("id_number", "phone")
    SLOTS = (1, 2)
    HEADINGS = {
        1: {
            "name": _("guardian's name"),
            "relation": _("relation to the minor"),
            "id_number": _("guardian's ID number"),
            "phone": _("guardian's phone"),
            "situation": _("guardian's situation"),
        },
        2: {
            "name": _("second guardian's name"),
            "relation": _("second guardian's relation to the minor"),
            "id_number": _("second guardian's ID number"),
            "phone": _("second guardian's phone"),
            "situation": _("second guardian's situation"),
        },
    }

    def __init__(self, resource):
        self.resource = resource
        self._on_record = {}
        self.widgets = {
            "name": TextWidget(),
            "relation": RelationWidget(),
            "id_number": IdNumberWidget(),
            "phone": CompactWidget(),
            "situation": ChoiceWidget(Guardian.Situation.choices),
        }

    @staticmethod
    def attribute(name, slot=1):
        return f"{PREFIX}guardian_{name}" if slot == 1 else f"{PREFIX}guardian{slot}_{name}"

    def guardians_on_record(self, minors):
        """{minor pk: [guardians in the record's order]}, one query for the whole chunk. The
        order is the record's (Wagtail's Orderable), as lowcode's first guardian reads it."""
        wanted = [m.pk for m in minors if m.pk not in self._on_record]
        if wanted:
            for pk in wanted:
                self._on_record[pk] = []
            for guardian in Guardian.objects.filter(minor_id__in=wanted).order_by(
                "minor_id", "sort_order", "pk"
            ):
                self._on_record[guardian.minor_id].append(guardian)
        return {m.pk: self._on_record.get(m.pk, []) for m in minors}

    def reader(self, name, slot):
        masked = name in self.MASKED and not self.resource.may_view_identifiers()

        def read(minors):
            values = {}
            for pk, guardians in self.guardians_on_record(minors).items():
                guardian = guardians[slot - 1] if len(guardians) >= slot else None
                value = getattr(guardian, name, None) if guardian else None
                values[pk] = crypto_mask(value) if masked and value else value
            return values

        return read

    def renderer(self, name):
        widget = self.widgets[name]
        return lambda value: "" if value in (None, "") else widget.render(value)

    def columns(self):
        return [
            ExtraColumn(
                name=self.attribute(name, slot).removeprefix(PREFIX),
                heading=self.HEADINGS[slot][name],
                clean=lambda cell, row, w=self.widgets[name]: w.clean(cell, row) or None,
                read=self.reader(name, slot),
                write=lambda pairs: None,  # written together by write()
                render=self.renderer(name),
                hint=getattr(self.widgets[name], "hint", ""),
                empty_keeps=True,
            )
            for slot in self.SLOTS
            for name in self.FIELDS
        ]

    def cells(self, values, slot):
        """The slot's cells present in the sheet, {field: value}."""
        return {
            name: values[attribute]
            for name, attribute in _SLOT_ATTRIBUTES[slot]
            if attribute in values
        }

    def validate(self, values):
        errors = {}
        numbers = {}
        for slot in self.SLOTS:
            cells = self.cells(values, slot)
            if not any(cells.values()):
                continue
            number = cells.get("id_number")
            if number and "*" not in number:
                try:
                    validate_id_number(number)
                except ValidationError as error:
                    errors[self.attribute("id_number", slot)] = "；".join(error.messages)
                else:
                    if number in numbers:
                        errors[self.attribute("id_number", slot)] = _(
                            "the same ID number as the first guardian of this row"
                        )
                    numbers[number] = slot
            if not cells.get("name"):
                errors[self.attribute("name", slot)] = _("required")
        return errors

    def write(self, written):
        """Each row's guardians added or updated, in two bulk statements."""
        rows = []
        for row, minor in written:
            slots = [self.cells(row.extra, slot) for slot in self.SLOTS]
            slots = [cells for cells in slots if any(cells.values())]
            if slots:
                rows.append((minor, slots))
        if not rows:
            return
        on_record = self.guardians_on_record([minor for minor, _slots in rows])
        to_create, to_update, fields = [], {}, set()
        for minor, slots in rows:
            known = list(on_record[minor.pk])
            taken = set()
            for cells in slots:
                guardian = self._match([g for g in known if id(g) not in taken], cells)
                if guardian is None:
                    guardian = Guardian(
                        minor=minor, relation=Guardian.Relation.OTHER, sort_order=len(known)
                    )
                    known.append(guardian)
                    to_create.append(guardian)
                else:
                    to_update[guardian.pk] = guardian
                taken.add(id(guardian))
                for name, value in cells.items():
                    if value in (None, ""):
                        continue  # an empty cell keeps what is on record
                    if name in self.MASKED and "*" in value:
                        continue  # our own masked export: the stored number stays
                    setattr(guardian, name, value)
                    fields.add(name)
                guardian.id_number = (guardian.id_number or "").strip().upper()
                guardian.id_number_hash = keyed_hash(guardian.id_number)
        self._on_record.clear()  # the next read sees what was written
        Guardian.objects.bulk_create(to_create, batch_size=1000)
        if to_update and fields:
            Guardian.objects.bulk_update(
                list(to_update.values()), sorted(fields | {"id_number_hash"}), batch_size=1000
            )

    @staticmethod
    def _match(known, cells):
        number = cells.get("id_number")
        if number and "*" not in number:
            wanted = keyed_hash(number)
            for guardian in known:
                if guardian.id_number_hash == wanted:
                    return guardian
        name = cells.get("name")
        if name:
            for guardian in known:
                if guardian.name == name:
                    return guardian
        if number and "*" in number:
            for guardian in known:
                if crypto_mask(guardian.id_number) == number:
                    return guardian
        return None


# Each slot's (field, attribute) pairs, spelled once rather than for every row's every cell.
_SLOT_ATTRIBUTES = {
    slot: [(name, GuardianColumns.attribute(name, slot)) for name in GuardianColumns.FIELDS]
    for slot in GuardianColumns.SLOTS
}


class MinorResource(ScopedRowsMixin, RegistryResource):
    """困境未成年人信息档案: the columns of the village archive sheet. A row whose ID number is on
    record updates that minor; rows without one are new and go to information comparison."""

    masked_fields = ("id_number",)
    identifier_permission = "protection.view_identifiers"
    derived_fields = ("id_number_hash",)

    name = Field("name", _("full name"), widget=TextWidget())
    sex = Field("sex", _("sex"), widget=SexWidget())
    birth_date = Field("birth_date", _("birth date"), widget=DateWidget())
    id_number = Field("id_number", _("ID number"), widget=IdNumberWidget())
    ethnicity = Field("ethnicity", _("ethnicity"), widget=TextWidget())
    township = Field("township", _("township or street office"), widget=PlaceWidget(Township))
    village = Field(
        "village",
        _("village or residents' committee"),
        widget=VillageWidget(_("township or street office")),
    )
    household_registration = Field(
        "household_registration", _("household registration"), widget=TextWidget()
    )
    current_address = Field("current_address", _("current address"), widget=TextWidget())
    school = Field("school", _("school"), widget=TextWidget())
    grade = Field("grade", _("grade"), widget=TextWidget())
    health = Field("health", _("health"), widget=TextWidget())
    disability = Field("disability", _("disability"), widget=TextWidget())
    notes = Field("notes", _("notes"), widget=TextWidget())

    class Meta:
        model = Minor
        fields = (
            "name",
            "sex",
            "birth_date",
            "id_number",
            "ethnicity",
            "township",
            "village",
            "household_registration",
            "current_address",
            "school",
            "grade",
            "health",
            "disability",
            "notes",
        )
        import_id_fields = ("id_number",)

    def mask_value(self, value):
        return crypto_mask(value)

    @property
    def guardian_columns(self):
        if getattr(self, "_guardians", None) is None:
            self._guardians = GuardianColumns(self)
        return self._guardians

    def related_columns(self):
        return self.guardian_columns.columns()

    def write_related(self, written):
        self.guardian_columns.write(written)

    def id_hash(self, number):
        """The keyed hash of an ID number, computed once per import (the check and the write
        each look a row's record up, compare it and write it by this hash)."""
        hashes = self.__dict__.setdefault("_id_hashes", {})
        if number not in hashes:
            hashes[number] = keyed_hash(number)
        return hashes[number]

    def existing_by_key(self, keys):
        """Minors by the keyed hash of their ID number: the number itself is encrypted."""
        by_hash = {self.id_hash(k[0]): k for k in keys if k[0]}
        found = {}
        hashes = list(by_hash)
        for start in range(0, len(hashes), 500):
            chunk = hashes[start : start + 500]
            for minor in Minor.objects.filter(id_number_hash__in=chunk):
                found[by_hash[minor.id_number_hash]] = minor
        # A record merged by information comparison stands for its survivor: the row updates the
        # child as the registry now keeps it, rather than the merged copy.
        for _depth in range(5):
            merged = {key: m.merged_into_id for key, m in found.items() if m.merged_into_id}
            if not merged:
                break
            survivors = Minor.objects.in_bulk(set(merged.values()))
            for key, survivor_id in merged.items():
                found[key] = survivors[survivor_id]
        return found

    def prepare_instance(self, instance):
        instance.id_number = (instance.id_number or "").strip().upper()
        instance.id_number_hash = self.id_hash(instance.id_number)

    def validate_row(self, values):
        errors = {}
        number = values.get("id_number")
        if number and "*" not in number:
            try:
                validate_id_number(number)
            except ValidationError as error:
                errors["id_number"] = "；".join(error.messages)
            else:
                checks = cross_check(
                    number, birth_date=values.get("birth_date"), sex=values.get("sex")
                )
                for attribute, error in checks.items():
                    errors[attribute] = "；".join(error.messages)
        township, village = values.get("township"), values.get("village")
        if township and village and village.township_id != township.pk:
            errors["village"] = str(_("This village does not belong to the chosen township."))
        errors.update(self.guardian_columns.validate(values))
        return errors

    def possible_duplicates(self, new_rows):
        """Compared with the registered children the user may see: the preview names the
        children it found, and a clerk sees no child outside their jurisdiction (the review
        queue, filled after the import, compares with the whole registry)."""
        from .matching import duplicates_for_import

        # Only the registered children the file's rows can meet are read (matching's blocking).
        return duplicates_for_import(
            new_rows, registry=visible(Minor.objects.all(), self.user), id_hash=self.id_hash
        )

    def compare_sheet(self, content, filename, progress=None):
        """A department's list (justice: children of prisoners; education: pupils who dropped
        out) against the registered children the user may see: each row with its outcome, the
        registered child it matches, the score and the fields that agree and differ.

        ``progress(done, total)``, if given, hears of the reading and then of the comparing,
        each half of the work (a large list runs as a background task with a progress bar)."""
        from lantian.imports.engine import plan_import
        from lantian.imports.reading import SheetError

        from .matching import (
            CONFLICT,
            KNOWN,
            NEW,
            POSSIBLE,
            Index,
            field_labels,
            person_from_values,
            registry_candidates,
        )
        from .matching import compare as compare_people

        def reading(done, total):
            if progress:
                progress(done, 2 * total)

        plan = plan_import(self, content, filename, progress=reading, compare=False, complete=False)
        if plan.file_errors:
            raise SheetError("；".join(plan.file_errors))
        people = [
            person_from_values(row.values, ref=row.number, id_hash=self.id_hash)
            for row in plan.rows
        ]
        index = Index(registry_candidates(people, visible(Minor.objects.all(), self.user)))
        results = []
        for start in range(0, len(people), COMPARE_CHUNK):
            if progress:
                progress(len(people) + start, 2 * len(people))
            results += compare_people(people[start : start + COMPARE_CHUNK], index)
        outcomes = {
            KNOWN: str(_("known")),
            NEW: str(_("new")),
            CONFLICT: str(_("conflicting")),
            POSSIBLE: str(_("possibly known")),
        }
        headings = [
            *plan.headings,
            _("comparison"),
            _("registered child"),
            _("score"),
            _("agreeing"),
            _("differing"),
            _("problems in the row"),
        ]
        rows = []
        for row, (outcome, match) in zip(plan.rows, results, strict=True):
            rows.append(
                [
                    *[c if c is not None else "" for c in row.cells],
                    outcomes[outcome],
                    match.person.label if match else "",
                    match.score if match else "",
                    field_labels(match.agree) if match else "",
                    field_labels(match.differ) if match else "",
                    "；".join(f"{h}：{reason}" if h else reason for h, _v, reason in row.errors),
                ]
            )
        return [str(h) for h in headings], rows


class FamilyResource(ScopedRowsMixin, RegistryResource):
    """问题家庭 / 贫困家庭 archives: a row updates the family of the same name in the same
    village, else adds one."""

    name = Field("name", _("family"), widget=TextWidget())
    township = Field("township", _("township or street office"), widget=PlaceWidget(Township))
    village = Field(
        "village",
        _("village or residents' committee"),
        widget=VillageWidget(_("township or street office")),
    )
    address = Field("address", _("address"), widget=TextWidget())
    is_problem_family = Field("is_problem_family", _("problem family"), widget=BooleanWidget())
    is_poor_family = Field("is_poor_family", _("poor family"), widget=BooleanWidget())
    low_income_status = Field(
        "low_income_status",
        _("low-income status"),
        widget=ChoiceWidget(Family.LowIncome.choices),
    )
    members = Field("members", _("members"), widget=TextWidget())
    income_situation = Field("income_situation", _("income situation"), widget=TextWidget())
    risk_factors = Field("risk_factors", _("risk factors"), widget=TextWidget())

    class Meta:
        model = Family
        fields = (
            "name",
            "township",
            "village",
            "address",
            "is_problem_family",
            "is_poor_family",
            "low_income_status",
            "members",
            "income_situation",
            "risk_factors",
        )
        import_id_fields = ("township", "village", "name")

    def get_queryset(self):
        return Family.objects.all()

    def validate_row(self, values):
        township, village = values.get("township"), values.get("village")
        if township and village and village.township_id != township.pk:
            return {"village": str(_("This village does not belong to the chosen township."))}
        return {}
