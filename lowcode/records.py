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
