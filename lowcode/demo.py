"""Demo data of low-code administration: the editable lifecycle, the seed's notification rules
and two custom fields the office asked for (是否留守儿童 on minors, 务工地点 on guardians).
Idempotent: running it again changes nothing."""

from . import lifecycle, seed
from .models import CustomField, Kind

FIELDS = [
    {
        "record_type": "minor",
        "label_zh": "是否留守儿童",
        "label_en": "left-behind child",
        "kind": Kind.YES_NO,
        "help_text": "父母双方外出务工或一方外出另一方无监护能力。",
        "place": "classification",
        "in_listing": True,
        "in_filters": True,
    },
    {
        "record_type": "guardian",
        "label_zh": "务工地点",
        "label_en": "place of work",
        "kind": Kind.TEXT,
        "help_text": "外出务工的城市或单位。",
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
        stdout.write(f"low-code: lifecycle copied {copied}, rules {rules}, custom fields {fields}")
