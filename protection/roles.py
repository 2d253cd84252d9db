"""The staff roles of the registries as Wagtail groups, with the permissions each one holds.

One table, read by the migration-free `demo_users` / `ensure_groups` path and by the tests, so
that "what may a village supervisor do" has one answer. Scope (which records) is separate:
see protection.scope."""

CITY_OFFICE = "市民政局"
TOWNSHIP_STAFF = "乡镇(街道)民政所"
VILLAGE_SUPERVISOR = "村(居)委会督导员"
DEPARTMENT_LIAISON = "部门联络员"
LEADERSHIP = "领导小组(只读)"

_REGISTRY = ["minor", "guardian", "family", "case", "casenote", "intakereport"]
_REFERENCE = ["targetcategory", "classificationtag"]
_ORGANISATION = ["township", "village", "department", "leadinggroupmember", "staffscope"]


def _perms(models, actions):
    return [f"protection.{action}_{model}" for model in models for action in actions]


TRANSITIONS = ["verify_case", "assess_case", "start_service", "close_case", "reopen_case"]

# The import log, each role within its scope (protection.scope.visible_imports): the staff who
# import village sheets need to find what an import wrote and who ran it.
IMPORT_LOG = ["lantian.view_importrecord"]

# group name -> (permission codenames, scope level of its demo user)
ROLES = {
    CITY_OFFICE: (
        _perms(_REGISTRY + _REFERENCE + _ORGANISATION, ["add", "change", "delete", "view"])
        + [f"protection.{t}" for t in TRANSITIONS]
        + ["protection.view_identifiers"]
        + _perms(["case", "minor", "family"], ["lock", "unlock"])
        + IMPORT_LOG,
        "city",
    ),
    TOWNSHIP_STAFF: (
        _perms(_REGISTRY, ["add", "change", "view"])
        + _perms([*_REFERENCE, "township", "village"], ["view"])
        + [f"protection.{t}" for t in TRANSITIONS]
        + ["protection.view_identifiers"]
        + _perms(["case", "minor", "family"], ["lock", "unlock"])
        + IMPORT_LOG,
        "township",
    ),
    VILLAGE_SUPERVISOR: (
        _perms(["minor", "guardian", "family", "case", "casenote"], ["add", "change", "view"])
        + _perms([*_REFERENCE, "village"], ["view"])
        + ["protection.verify_case"]
        + IMPORT_LOG,
        "village",
    ),
    # A liaison opens no case or minor record: they see a case as the referral page of casework,
    # which shows only the fields the referral shares, while it is open (protection.scope).
    # casework.roles grants what they need to receive and answer referrals.
    DEPARTMENT_LIAISON: ([], "department"),
    LEADERSHIP: (
        _perms(_REGISTRY + _REFERENCE + ["township", "village"], ["view"]) + IMPORT_LOG,
        "city",
    ),
}


def role_permissions():
    """{group name: permission names}: the table above plus what each other app grants the same
    roles over its own models, declared as ROLE_PERMISSIONS = {group name: [...]} in its
    `roles` module (casework, support, ...), so that every app keeps its rules beside its models."""
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    table = {name: list(codenames) for name, (codenames, _level) in ROLES.items()}
    for config in apps.get_app_configs():
        if config.name == __package__ or find_spec(f"{config.name}.roles") is None:
            continue
        extra = getattr(import_module(f"{config.name}.roles"), "ROLE_PERMISSIONS", {})
        for name, codenames in extra.items():
            table[name].extend(codenames)
    return table


def ensure_groups():
    """Create or update the role groups with exactly the permissions of role_permissions() (plus
    admin access). Idempotent; returns {group name: Group}."""
    from django.contrib.auth.models import Group, Permission

    groups = {}
    for name, codenames in role_permissions().items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = [*codenames, "wagtailadmin.access_admin"]
        permissions = []
        for dotted in wanted:
            app_label, codename = dotted.split(".")
            permissions.extend(
                Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(permissions)
        groups[name] = group
    return groups
