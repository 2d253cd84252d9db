"""The record types an administrator can extend, by a stable key.

A key names a model that may not exist yet (visits arrive with the monitoring app): every lookup
goes through django.apps and answers None for a model that is not installed, so that a field
defined for it simply waits."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _

# key -> (model label, what the administrator reads, parent key when it is edited inline)
RECORD_TYPES = {
    "minor": ("protection.Minor", _("minor (信息档案)"), None),
    "guardian": ("protection.Guardian", _("guardian (监护人)"), "minor"),
    "family": ("protection.Family", _("family (家庭档案)"), None),
    "case": ("protection.Case", _("case (个案服务档案)"), None),
    "visit": ("monitoring.HomeVisit", _("home visit (走访)"), None),
    "training_session": ("training.TrainingSession", _("training session"), None),
    "campaign": ("content.PublicityCampaign", _("publicity campaign"), None),
    "volunteer": ("content.Volunteer", _("volunteer"), None),
}


# Other sources of events for notification rules (not extendable with fields).
EVENT_SOURCES = {
    "intake_report": "protection.IntakeReport",
    "import": "lantian.ImportRecord",
    "referral": "casework.Referral",
}


def choices():
    return [(key, label) for key, (_model, label, _parent) in RECORD_TYPES.items()]


def model_for(key):
    entry = RECORD_TYPES.get(key)
    label = entry[0] if entry else EVENT_SOURCES.get(key)
    if label is None:
        return None
    try:
        return apps.get_model(label)
    except LookupError:
        return None


def key_for(model):
    """The record-type key of a model class (or instance), or None."""
    if model is None:
        return None
    label = model._meta.concrete_model._meta.label
    for key, (model_label, _label, _parent) in RECORD_TYPES.items():
        if model_label.lower() == label.lower():
            return key
    return None


def label_for(key):
    entry = RECORD_TYPES.get(key)
    return entry[1] if entry else key


def viewset_of(model):
    """The snippet viewset of a model. Wagtail registers viewsets when the admin's URLs are
    first loaded, which a management command (the weekly e-mail, the deadline scan) never
    does by itself: load them first."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  (imports the URLconf, registering the viewsets)
    return getattr(model, "snippet_viewset", None)


# What a record type's "kinds" are, for fields that apply to some kinds only (CustomField.kinds):
# the natural classification each model already has. key -> (what the administrator reads,
# the kinds on offer, the kinds of a record, the kinds a submitted form gives the record).
# Minors and cases are classified by their target categories (CustomField.categories).


def _category_choices():
    from protection.models import TargetCategory

    return [(str(pk), name) for pk, name in TargetCategory.objects.values_list("pk", "name")]


def _categories_of(record):
    return {str(c.pk) for c in record.categories.all()} if record.pk else set()


def _categories_in_form(form, cleaned):
    chosen = cleaned.get("categories")
    if chosen is None:
        return None
    return {str(getattr(c, "pk", c)) for c in chosen}


def _topic_choices():
    from training.models import Topic

    return [(str(pk), name) for pk, name in Topic.objects.values_list("pk", "name")]


def _topics_of(record):
    return {str(t.pk) for t in record.topics.all()} if record.pk else set()


def _topics_in_form(form, cleaned):
    chosen = cleaned.get("topics")
    return None if chosen is None else {str(getattr(t, "pk", t)) for t in chosen}


def _channel_choices():
    from content.models.campaigns import Channel

    return list(Channel.choices)


def _channels_of(record):
    return set(record.placements.values_list("channel", flat=True)) if record.pk else set()


def _channels_in_form(form, cleaned):
    formset = getattr(form, "formsets", {}).get("placements")
    if formset is None:
        return None
    deleted = set(formset.deleted_forms) if formset.can_delete else set()
    return {
        child.cleaned_data["channel"]
        for child in formset.forms
        if child not in deleted and getattr(child, "cleaned_data", {}).get("channel")
    }


def _skill_choices():
    from content.models.volunteers import SKILLS

    return [(skill, skill) for skill in SKILLS]


def _split_skills(text):
    return {s.strip() for s in (text or "").replace("，", "、").split("、") if s.strip()}


def _skills_of(record):
    return _split_skills(record.skills)


def _skills_in_form(form, cleaned):
    return _split_skills(cleaned["skills"]) if "skills" in cleaned else None


def _visit_kind_choices():
    model = model_for("visit")
    return list(model.Kind.choices) if model is not None else []


def _visit_kind_of(record):
    return {record.kind} if record.kind else set()


def _visit_kind_in_form(form, cleaned):
    return {cleaned["kind"]} if cleaned.get("kind") else None


KIND_SOURCES = {
    "minor": (_("target categories"), _category_choices, _categories_of, _categories_in_form),
    "case": (_("target categories"), _category_choices, _categories_of, _categories_in_form),
    "training_session": (_("topics"), _topic_choices, _topics_of, _topics_in_form),
    "campaign": (_("channels"), _channel_choices, _channels_of, _channels_in_form),
    "volunteer": (_("skills"), _skill_choices, _skills_of, _skills_in_form),
    "visit": (_("kind of visit"), _visit_kind_choices, _visit_kind_of, _visit_kind_in_form),
}
# Classified by CustomField.categories rather than CustomField.kinds.
BY_CATEGORY = ("minor", "case")


def kind_choices(key):
    """[(value, label)] of the kinds a field of this record type may apply to."""
    source = KIND_SOURCES.get(key)
    if source is None or model_for(key) is None:
        return []
    return source[1]()


def kinds_of(key, record):
    """The kinds (strings) of a saved record."""
    source = KIND_SOURCES.get(key)
    return source[2](record) if source is not None and record is not None else set()


def kinds_in_form(key, form, cleaned):
    """The kinds a validated form gives its record, or None when the form does not say."""
    source = KIND_SOURCES.get(key)
    return source[3](form, cleaned) if source is not None else None
