"""What the role groups may do in low-code administration: the city office (the leading-group
office, 市民政局) defines custom fields, notification rules and the case lifecycle; every role
may save and pin its own queries, which needs no permission beyond admin access."""

from protection.roles import CITY_OFFICE

_MODELS = ["customfield", "rule", "lifecyclestate", "lifecycletransition"]

ROLE_PERMISSIONS = {
    CITY_OFFICE: [
        *(
            f"lowcode.{action}_{model}"
            for model in _MODELS
            for action in ("add", "change", "delete", "view")
        ),
        "lowcode.view_rulefiring",
    ],
}
