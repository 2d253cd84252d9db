"""Demo data of low-code administration: the editable lifecycle, the seed's notification rules
and two custom fields the office asked for (是否随迁子女 on minors, 文化程度 on guardians).
Idempotent: running it again changes nothing."""

from . import lifecycle, seed
from .models import CustomField, Kind

FIELDS = [
    {
        "record_type": "minor",
        "label_zh": "是否随迁子女",
        "label_en": "moved with migrant parents",
        "kind": Kind.YES_NO,
        "help_text": "随外出务工的父母在外地居住、就学。",
        "place": "classification",
        "in_listing": True,
        "in_filters": True,
    },
    {
        "record_type": "guardian",
        "label_zh": "文化程度",
        "label_en": "schooling",
        "kind": Kind.TEXT,
        "help_text": "监护人的最高学历,如小学、初中。",
    },
]


def load(stdout=None):
    copied = lifecycle.seed_defaults()
    rules = seed.seed_rules()
    fields = 0
    for spec in FIELDS:
        _field, created = CustomField.objects.get_or_create(
            record_type=spec["record_type"], label_zh=spec["label_zh"], defaults=spec
        )
        fields += created
    if stdout is not None:
        stdout.write(
            f"Low-code: {rules} new notification rules, {fields} new custom fields"
            + (", the case lifecycle copied from the defaults." if copied else ".")
        )
