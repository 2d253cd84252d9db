"""The configured case lifecycle, handed to protection.lifecycle and protection.states.

Read from the two tables once and kept in the cache (shared by every server) until an
administrator changes a state or a transition, so that listing cases does not read the
lifecycle again for every row. Until the lifecycle is configured (no state on record), the
default of protection.lifecycle is in force; seed_defaults() copies it in to start from."""

import time

from django.core.cache import cache
from django.db import DatabaseError, transaction
from wagtail.log_actions import log

from protection import lifecycle as case_lifecycle

CACHE_KEY = "lowcode:lifecycle:v1"


def _load():
    from .models import LifecycleState, LifecycleTransition

    states = list(LifecycleState.objects.order_by("sort_order", "pk"))
    if not states:
        return {"states": None, "transitions": None}
    steps = {}
    for step in (
        LifecycleTransition.objects.filter(enabled=True)
        .select_related("target", "permission__content_type")
        .prefetch_related("sources")
        .order_by("sort_order", "pk")
    ):
        perm = step.permission
        steps[step.name] = {
            "label_zh": step.label_zh,
            "label_en": step.label_en,
            "sources": [s.key for s in step.sources.all()],
            "target": step.target.key,
            "permission": f"{perm.content_type.app_label}.{perm.codename}",
            "comment_required": step.comment_required,
            "required_fields": list(step.required_fields or []),
            "closes": step.target.is_closed,
        }
    return {
        "states": [(s.key, s.label_zh, s.label_en) for s in states],
        "transitions": steps,
    }


_memo = {"data": None, "at": 0.0}
MEMO_SECONDS = 5  # how long one server trusts what it read before asking the cache again


def configuration():
    """{"states": …, "transitions": …} in force (None, None: the default)."""
    now = time.monotonic()
    if _memo["data"] is not None and now - _memo["at"] < MEMO_SECONDS:
        return _memo["data"]
    try:
        # A savepoint: a missing table (before migrate, or the checks that run before it) must
        # not break the transaction the caller is in.
        with transaction.atomic():
            data = cache.get(CACHE_KEY)
            if data is None:
                data = _load()
                cache.set(CACHE_KEY, data, 3600)
    except DatabaseError:
        return {"states": None, "transitions": None}
    _memo.update(data=data, at=now)
    return data


def forget(**kwargs):
    _memo.update(data=None, at=0.0)
    cache.delete(CACHE_KEY)


def _label(zh, en):
    from django.utils import translation

    language = translation.get_language() or ""
    return (en or zh) if language.startswith("en") else zh


def configured_states():
    states = configuration()["states"]
    if not states:
        return None
    return [(key, _label(zh, en)) for key, zh, en in states]


def configured_transitions():
    data = configuration()
    if not data["states"]:
        return None
    return {
        name: case_lifecycle.Transition(
            name=name,
            label=_label(step["label_zh"], step["label_en"]),
            sources=tuple(step["sources"]),
            target=step["target"],
            permission=step["permission"],
            comment_required=step["comment_required"],
            required_fields=tuple(step["required_fields"]),
            closes=step["closes"],
            log_action=(
                "" if name in case_lifecycle.DEFAULT_TRANSITIONS else "lowcode.case.transition"
            ),
        )
        for name, step in data["transitions"].items()
    }


def case_permission(name, transition_name=""):
    """The permission on cases called `name`, created when the administrator names a new one
    in the lifecycle editor. Its code is derived from the transition's name (Chinese names do
    not make codes); Wagtail's group editor lists it with the case model's other permissions."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.utils.text import slugify

    from protection.models import Case

    content_type = ContentType.objects.get_for_model(Case)
    existing = Permission.objects.filter(content_type=content_type, name=name).first()
    if existing is not None:
        return existing
    stem = "lifecycle_" + (slugify(transition_name).replace("-", "_") or "transition")
    stem = stem[:90]
    codename, number = stem, 1
    while Permission.objects.filter(content_type=content_type, codename=codename).exists():
        number += 1
        codename = f"{stem}_{number}"
    return Permission.objects.create(content_type=content_type, codename=codename, name=name)


def seed_defaults(user=None):
    """Copy the default lifecycle into the tables (once): the administrator's starting point.
    Labels are taken in Chinese and in English; each state and transition copied is in the
    audit log as created by `user`."""
    from django.contrib.auth.models import Permission
    from django.utils import translation

    from protection.models import Case

    from .models import LifecycleState, LifecycleTransition

    if LifecycleState.objects.exists():
        return False
    with transaction.atomic():
        states = {}
        for order, (key, label) in enumerate(Case.Status.choices):
            with translation.override("zh-hans"):
                zh = str(label)
            with translation.override("en"):
                en = str(label)
            states[key] = LifecycleState.objects.create(
                key=key,
                label_zh=zh,
                label_en=en,
                sort_order=order,
                is_closed=key == Case.Status.CLOSED,
            )
        for order, step in enumerate(case_lifecycle.DEFAULT_TRANSITIONS.values()):
            app_label, codename = step.permission.split(".")
            with translation.override("zh-hans"):
                zh = str(step.label)
            with translation.override("en"):
                en = str(step.label)
            created = LifecycleTransition.objects.create(
                name=step.name,
                label_zh=zh,
                label_en=en,
                sort_order=order,
                target=states[step.target],
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
                comment_required=step.comment_required,
                required_fields=list(step.required_fields),
            )
            created.sources.set([states[key] for key in step.sources])
            log(created, "wagtail.create", user=user)
        for state in states.values():
            log(state, "wagtail.create", user=user)
    forget()
    return True
