"""The public report form, 发现困境儿童？告诉我们 (五(二): discovery and reporting).

Anyone may report, anonymously if they wish. The form writes through protection.intake, the
one door into the registries, and shows back only the receipt number: nothing of the report is
echoed, cached or logged. Floods are cheap to refuse: the size check reads no body, and the rate
limit is one cache round trip per request.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from lantian.phones import phone_validator
from protection.intake import receive_public_report
from protection.models import IntakeReport, Township, Village

from .antispam import HoneypotMixin, over_limit

MAX_BODY_BYTES = 16 * 1024
REPORTS_PER_WINDOW = 5
WINDOW_SECONDS = 15 * 60


def _village_choices():
    choices = [("", _("Not sure / not listed"))]
    current, group = None, []
    for village in Village.objects.select_related("township").order_by(
        "township__sort_order", "name"
    ):
        if village.township != current:
            if group:
                choices.append((current.name, group))
            current, group = village.township, []
        group.append((str(village.pk), village.name))
    if group:
        choices.append((current.name, group))
    return choices


class PublicReportForm(HoneypotMixin, forms.Form):
    township = forms.ModelChoiceField(
        label=_("Township or street office"),
        queryset=Township.objects.all(),
        empty_label=_("Choose…"),
        help_text=_("Where the child lives or was seen."),
    )
    village = forms.ChoiceField(
        label=_("Village or residents' committee"), required=False, choices=()
    )
    location = forms.CharField(
        label=_("Where exactly"),
        max_length=200,
        required=False,
        help_text=_("e.g. a street, a school, a market."),
    )
    what_happened = forms.CharField(
        label=_("What did you see?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What is happening to the child, since when, who looks after them."),
    )
    child_age = forms.CharField(
        label=_("The child's approximate age"),
        max_length=30,
        required=False,
        help_text=_("e.g. about 8."),
    )
    reporter_kind = forms.ChoiceField(
        label=_("You are"),
        choices=IntakeReport.ReporterKind.choices,
        widget=forms.RadioSelect,
        initial=IntakeReport.ReporterKind.NEIGHBOUR,
    )
    reporter_name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=50,
        required=False,
        help_text=_("Leave empty to report anonymously."),
    )
    reporter_phone = forms.CharField(
        label=_("Your phone (optional)"),
        max_length=30,
        required=False,
        validators=[phone_validator],
        help_text=_("Only so that staff can ask you more; never passed on."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].choices = _village_choices()

    def clean(self):
        cleaned = super().clean()
        township, village_id = cleaned.get("township"), cleaned.get("village")
        cleaned["village"] = None
        if township and village_id:
            village = Village.objects.filter(pk=village_id).first()
            if village is None or village.township_id != township.pk:
                raise ValidationError(
                    {"village": _("This village does not belong to the township you chose.")}
                )
            cleaned["village"] = village
        return cleaned


def _refuse(request, status, message):
    return TemplateResponse(
        request, "content/report_refused.html", {"message": message}, status=status
    )


@never_cache
@csrf_protect
def report(request):
    if request.method == "POST":
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES:
            return _refuse(request, 413, _("Your report is too long. Please shorten it."))
        if over_limit(request, "report", REPORTS_PER_WINDOW, WINDOW_SECONDS):
            return _refuse(
                request,
                429,
                _("Too many reports from this connection. Please call the hotline instead."),
            )
        form = PublicReportForm(request.POST)
        if form.is_spam:
            # Robots see what people see and leave nothing behind.
            return TemplateResponse(request, "content/report_received.html", {"receipt": None})
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
            receipt = receive_public_report(**data)
            return TemplateResponse(request, "content/report_received.html", {"receipt": receipt})
    else:
        form = PublicReportForm()
    return TemplateResponse(request, "content/report_form.html", {"form": form})
