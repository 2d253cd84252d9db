"""Demo data of the protection app: the seed's organisation (townships, units and duties, the
leading group). Idempotent: records are matched by name."""

from . import demo_registry
from .models import (
    ClassificationTag,
    Department,
    DepartmentDuty,
    LeadingGroupMember,
    TargetCategory,
    Township,
    Village,
)
from .roles import ensure_groups
from .seed_data import (
    CLASSIFICATION_TAGS,
    DEMO_VILLAGES,
    DUTIES,
    LEADING_GROUP,
    TARGET_CATEGORIES,
    TOWNSHIPS,
)

# Fictional numbers: Chinese local numbers never start with 1, so none of these reaches a person.
DEMO_CITY_HOTLINE = "0371-10001110"
# Obviously fictional supervisors' names (示例 = "example").
DEMO_SUPERVISORS = ["示例·张红", "示例·李强", "示例·王芳", "示例·赵磊", "示例·陈静", "示例·刘洋"]


def demo_township_hotline(position):
    return f"0371-100011{position:02d}"


def load(stdout):
    townships = {}
    for position, (name, kind) in enumerate(TOWNSHIPS, start=1):
        townships[name], _ = Township.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "sort_order": position,
                "station_name": f"{name}困境未成年人社会保护工作指导站",
                "hotline": demo_township_hotline(position),
            },
        )
    for position, (township_name, village_names) in enumerate(DEMO_VILLAGES.items(), start=1):
        for number, name in enumerate(village_names, start=1):
            Village.objects.get_or_create(
                township=townships[township_name],
                name=name,
                defaults={
                    "supervisor_name": DEMO_SUPERVISORS[(position + number) % 6],
                    "supervisor_phone": f"0371-2000{position:02d}{number:02d}",
                },
            )
    for position, (name, level, duties) in enumerate(DUTIES, start=1):
        department, created = Department.objects.get_or_create(
            name=name,
            defaults={"level": level, "sort_order": position, "is_lead_office": name == "市民政局"},
        )
        if created:
            for order, text in enumerate(duties):
                DepartmentDuty.objects.create(department=department, text=text, sort_order=order)
    if not LeadingGroupMember.objects.exists():
        departments = {d.name: d for d in Department.objects.all()}
        for position, (role, person, post) in enumerate(LEADING_GROUP, start=1):
            LeadingGroupMember.objects.create(
                role=role,
                person_name=person,
                post=post,
                sort_order=position,
                department=next((d for n, d in departments.items() if post.startswith(n)), None),
                township=next((t for n, t in townships.items() if post.startswith(n)), None),
            )
    stdout.write(
        f"Organisation: {Township.objects.count()} townships, {Village.objects.count()} villages, "
        f"{Department.objects.count()} units, "
        f"{LeadingGroupMember.objects.count()} leading-group seats."
    )
    for number, name, description, needs_decision in TARGET_CATEGORIES:
        TargetCategory.objects.get_or_create(
            number=number,
            defaults={
                "name": name,
                "description": description,
                "needs_joint_meeting_decision": needs_decision,
            },
        )
    for order, name in enumerate(CLASSIFICATION_TAGS, start=1):
        ClassificationTag.objects.get_or_create(name=name, defaults={"sort_order": order})
    ensure_groups()
    demo_registry.load(stdout)
