"""Who may do what on the public site: the publicity department's editors (六 市委宣传部) write
and submit, its reviewers approve and publish, and the youth league's volunteer staff keep the
volunteer registry. Built from Wagtail's groups, page permissions and a one-step approval
workflow; `ensure_groups_and_workflow` is idempotent."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

EDITORS = "宣传编辑"
REVIEWERS = "宣传审核"
VOLUNTEER_STAFF = "志愿服务管理"
WORKFLOW = "宣传稿件审核"
TASK = "宣传部审核"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    REVIEWERS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
MODEL_PERMISSIONS = {
    EDITORS: [("content", "publicitycampaign", ("add", "change", "view"))],
    REVIEWERS: [
        ("content", "publicitycampaign", ("add", "change", "view", "delete")),
        ("content", "newscategory", ("add", "change", "view")),
    ],
    VOLUNTEER_STAFF: [
        ("content", "volunteer", ("change", "view")),
        ("content", "servicepoint", ("add", "change", "view")),
    ],
}


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_groups_and_workflow(home):
    access_admin = _permission("wagtailadmin", "access_admin")
    groups = {}
    for name in (EDITORS, REVIEWERS, VOLUNTEER_STAFF):
        groups[name], _ = Group.objects.get_or_create(name=name)
        groups[name].permissions.add(access_admin)
        for app_label, model, actions in MODEL_PERMISSIONS.get(name, []):
            for action in actions:
                groups[name].permissions.add(_permission(app_label, f"{action}_{model}"))
    for name, codenames in PAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name], page=home, permission=_permission("wagtailcore", codename)
            )
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name],
                collection=Collection.get_first_root_node(),
                permission=_permission(app_label, codename),
            )

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW)
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK)
    task.groups.set([groups[REVIEWERS]])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return groups
