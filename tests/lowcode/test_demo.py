"""The demo loader of low-code administration: the lifecycle, the seed's rules and two custom
fields, and nothing more on a second run."""

import io

from lowcode import demo
from lowcode.models import CustomField, LifecycleState, Rule
from protection.models import Case
from tests.protection.factories import CategoryFactory, DepartmentFactory, TagFactory


def test_demo_is_idempotent(db):
    DepartmentFactory(name="市公安局")
    DepartmentFactory(name="市卫计委")
    TagFactory(name="家暴")
    CategoryFactory(number=4, name="自身重病重残")
    demo.load(io.StringIO())
    counts = (CustomField.objects.count(), Rule.objects.count(), LifecycleState.objects.count())
    assert counts == (2, 4, len(Case.Status.choices))
    assert set(CustomField.objects.values_list("label_zh", flat=True)) == {
        "是否随迁子女",
        "文化程度",
    }
    demo.load(io.StringIO())
    assert (
        CustomField.objects.count(),
        Rule.objects.count(),
        LifecycleState.objects.count(),
    ) == counts
