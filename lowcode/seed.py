"""The notification rules the seed implies (荥政办〔2015〕53号), added once by name:

- a case tagged 家暴 tells the township's police liaison (六、市公安局: domestic violence);
- a seriously ill or disabled child (三(四)) tells the health liaison (六、市卫计委: medical aid);
- a public report puts a task on the city office's dashboard (五(二) discovery and reporting);
- a passed deadline (a visit, a first response) tells the case's assigned worker."""

from protection import roles
from protection.models import ClassificationTag, Department, TargetCategory

from .models import Rule, Trigger

POLICE, HEALTH = "市公安局", "市卫计委"


def seed_rules():
    """Add the seed's rules that are missing; returns how many were added."""
    groups = roles.ensure_groups()
    liaison = groups[roles.DEPARTMENT_LIAISON]
    added = 0

    def add(name, tags=(), categories=(), **fields):
        nonlocal added
        if Rule.objects.filter(name=name).exists():
            return
        rule = Rule.objects.create(name=name, **fields)
        rule.tags.set(tags)
        rule.categories.set(categories)
        added += 1

    police = Department.objects.filter(name=POLICE).first()
    violence = ClassificationTag.objects.filter(name="家暴").first()
    if police and violence:
        add(
            "家暴个案告知乡镇公安联络员（六、市公安局）",
            tags=[violence],
            trigger=Trigger.CREATED,
            record_type="case",
            email_role=liaison,
            email_role_department=police,
        )
    health = Department.objects.filter(name=HEALTH).first()
    ill = TargetCategory.objects.filter(number=4).first()
    if health and ill:
        add(
            "重病重残儿童告知卫计联络员（六、市卫计委）",
            categories=[ill],
            trigger=Trigger.CREATED,
            record_type="case",
            email_role=liaison,
            email_role_department=health,
        )
    add(
        "公众报告列入市民政局待办（五(二)）",
        trigger=Trigger.REPORT,
        task_group=groups[roles.CITY_OFFICE],
        audit=False,
    )
    add(
        "走访或首次响应逾期告知责任社工（五(四)）",
        trigger=Trigger.DEADLINE,
        record_type="case",
        email_assigned_worker=True,
    )
    return added
