"""Forms of the training admin and of the public sign-up."""

from dateutil.relativedelta import relativedelta
from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm

from lantian.phones import phone_validator
from protection.models import Township

from . import rules
from .models import TrainingSeries, TrainingSession

STEPS = {
    TrainingSeries.Frequency.WEEKLY: relativedelta(weeks=1),
    TrainingSeries.Frequency.FORTNIGHTLY: relativedelta(weeks=2),
    TrainingSeries.Frequency.MONTHLY: relativedelta(months=1),
}


def occurrence_times(start, end, frequency, count):
    """The (start, end) of each occurrence, the first included, stepped in Beijing time so that
    a 09:00 session stays at 09:00 whatever the date. A monthly series on the 31st falls on the
    last day of shorter months."""
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    step = STEPS[frequency]
    return [(local_start + step * n, local_end + step * n) for n in range(count)]


class TrainingSessionForm(WagtailAdminModelForm):
    """The session form: every rule of `training.rules`, and on creation a recurring series in
    one step (each occurrence is then an ordinary session, edited on its own)."""

    repeat = forms.ChoiceField(
        label=gettext_lazy("repeats"),
        choices=[("", gettext_lazy("does not repeat")), *TrainingSeries.Frequency.choices],
        required=False,
        help_text=gettext_lazy("Create a series of sessions at once, e.g. monthly for a year."),
    )
    occurrences = forms.IntegerField(
        label=gettext_lazy("number of sessions"),
        min_value=2,
        max_value=52,
        required=False,
        help_text=gettext_lazy("How many sessions in all, this first one included (2 to 52)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous_status = self.instance.status if self.instance.pk else None
        if self.instance.pk:
            del self.fields["repeat"], self.fields["occurrences"]

    def clean(self):
        data = super().clean()
        start, end, venue = data.get("start"), data.get("end"), data.get("venue")
        trainers = list(data.get("trainers") or ())
        errors = rules.session_errors(
            start=start,
            end=end,
            capacity=data.get("capacity"),
            venue=venue,
            trainers=trainers,
            exclude_pks=[self.instance.pk],
        )
        status = data.get("status")
        if self.previous_status and status:
            errors.update(rules.status_errors(self.previous_status, status))
        if status == TrainingSession.Status.HELD and start and start > timezone.now():
            errors.setdefault("status", []).append(
                _("A session can be marked held only once it has started.")
            )
        if not venue and not data.get("township") and not data.get("village"):
            errors.setdefault("township", []).append(_("Choose a venue, a village or a township."))
        if data.get("repeat") and not data.get("occurrences"):
            errors.setdefault("occurrences", []).append(_("Say how many sessions the series has."))
        if not errors and data.get("repeat") and data.get("occurrences"):
            errors.update(self._series_errors(data, venue, trainers))
        for field, messages in errors.items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
        return data

    def series_times(self):
        data = self.cleaned_data
        if not (data.get("repeat") and data.get("occurrences")):
            return []
        return occurrence_times(data["start"], data["end"], data["repeat"], data["occurrences"])[1:]

    def _series_errors(self, data, venue, trainers):
        messages = []
        for number, (start, end) in enumerate(self.series_times(), start=2):
            for found in rules.booking_errors(start, end, venue, trainers).values():
                messages.extend(
                    _("Session %(number)d (%(date)s): %(message)s")
                    % {"number": number, "date": f"{start:%Y-%m-%d}", "message": message}
                    for message in found
                )
        return {"repeat": messages} if messages else {}


class RegistrationForm(forms.Form):
    """The public sign-up: only what the organisers need to reach the person."""

    name = forms.CharField(label=gettext_lazy("full name"), max_length=50)
    phone = forms.CharField(
        label=gettext_lazy("phone"),
        max_length=30,
        validators=[phone_validator],
        help_text=gettext_lazy("The organisers call this number if the session changes."),
    )
    township = forms.ModelChoiceField(
        label=gettext_lazy("township"),
        queryset=Township.objects.all(),
        required=False,
        empty_label=gettext_lazy("(choose)"),
    )
    organisation = forms.CharField(
        label=gettext_lazy("village or unit"), max_length=100, required=False
    )
    email = forms.EmailField(
        label=gettext_lazy("e-mail (optional, for a reminder)"), required=False
    )
    # A field people never see: bots fill it, and their sign-ups are dropped.
    website = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_phone(self):
        return normalise_phone(self.cleaned_data["phone"])


_FULL_WIDTH = str.maketrans("０１２３４５６７８９＋", "0123456789+")


def normalise_phone(number):
    """One spelling per number, so that the same person cannot register twice by typing
    spaces or hyphens differently."""
    number = (number or "").translate(_FULL_WIDTH)
    return "".join(ch for ch in number if ch.isdigit() or ch == "+")
