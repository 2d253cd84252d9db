"""Volunteers (五(十一), 六 团市委): the application form on the public site and the registry the
youth league keeps of them.

The form is Wagtail's form builder with the registry's own questions always first (name, phone,
township, skills, availability): editors add questions of their own, and every answer is kept in
the submission; the registry record is made from the fixed ones so that staff can filter and
export it.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import BaseForm, FormBuilder
from wagtail.contrib.forms.models import AbstractFormField, FormMixin, FormSubmission
from wagtail.fields import RichTextField
from wagtail.models import Page, RevisionMixin
from wagtail.search import index

from lantian.phones import phone_validator

from ..antispam import HoneypotMixin, over_limit
from .pages import PublicPage

SKILLS = [
    "家访陪伴",
    "学业辅导",
    "心理辅导",
    "法律咨询",
    "医疗护理",
    "文艺体育",
    "宣传摄影",
    "驾驶接送",
]


class Availability(models.TextChoices):
    WEEKDAYS = "weekdays", _("weekdays")
    WEEKENDS = "weekends", _("weekends")
    HOLIDAYS = "holidays", _("school holidays")
    FLEXIBLE = "flexible", _("any time, by arrangement")


class VolunteerFormBuilder(FormBuilder):
    """The registry's questions first, then the editor's, then the honeypot."""

    @property
    def formfields(self):
        from protection.models import Township

        fixed = {
            "name": forms.CharField(label=_("Your name"), max_length=50),
            "phone": forms.CharField(
                label=_("Mobile phone"),
                max_length=30,
                validators=[phone_validator],
                help_text=_("So that the volunteer station can call you back."),
            ),
            "township": forms.ModelChoiceField(
                label=_("Township or street office where you can help"),
                queryset=Township.objects.all(),
                empty_label=_("Choose…"),
            ),
            "skills": forms.MultipleChoiceField(
                label=_("What you can offer"),
                choices=[(skill, skill) for skill in SKILLS],
                widget=forms.CheckboxSelectMultiple,
                required=False,
            ),
            "availability": forms.ChoiceField(
                label=_("When you are available"),
                choices=Availability.choices,
                widget=forms.RadioSelect,
            ),
        }
        return {**fixed, **super().formfields}

    def get_form_class(self):
        return type("VolunteerForm", (HoneypotMixin, BaseForm), self.formfields)


class VolunteerFormField(AbstractFormField):
    page = ParentalKey(
        "content.VolunteerApplicationPage", related_name="form_fields", on_delete=models.CASCADE
    )


class VolunteerApplicationPage(FormMixin, PublicPage):
    """The application form, open between two dates; a confirmation page afterwards."""

    intro = RichTextField(
        _("introduction"),
        features=["bold", "ol", "ul", "link"],
        blank=True,
        help_text=_("What volunteers do and what happens after applying."),
    )
    opens_at = models.DateTimeField(
        _("opens at"), null=True, blank=True, help_text=_("Leave empty to open at once.")
    )
    closes_at = models.DateTimeField(
        _("closes at"), null=True, blank=True, help_text=_("Leave empty to keep it open.")
    )
    closed_text = models.CharField(
        _("text while closed"),
        max_length=200,
        default="本期志愿者招募暂未开放，欢迎关注后续通知。",
        help_text=_("Shown instead of the form before it opens and after it closes."),
    )
    thank_you_text = RichTextField(
        _("confirmation text"),
        features=["bold", "link"],
        blank=True,
        help_text=_("Shown after a successful application."),
    )

    form_builder = VolunteerFormBuilder
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("closed_text"),
            ],
            heading=_("open and close"),
        ),
        InlinePanel("form_fields", heading=_("more questions"), label=_("question")),
        FieldPanel("thank_you_text"),
    ]
    parent_page_types = ["content.VolunteerPage"]
    subpage_types = []
    template = "content/volunteer_application_page.html"
    landing_page_template = "content/volunteer_application_page_landing.html"

    class Meta:
        verbose_name = _("volunteer application form")

    def search_texts(self):
        return [*super().search_texts(), "志愿者 报名", self.intro]

    @property
    def is_open(self):
        now = timezone.now()
        return (self.opens_at is None or self.opens_at <= now) and (
            self.closes_at is None or now < self.closes_at
        )

    def get_data_fields(self):
        fixed = [
            ("name", _("Your name")),
            ("phone", _("Mobile phone")),
            ("township", _("township")),
            ("skills", _("skills")),
            ("availability", _("availability")),
        ]
        first, *rest = super().get_data_fields()
        return [first, *fixed, *rest]

    def serve(self, request, *args, **kwargs):
        if not self.is_open:
            context = self.get_context(request)
            return TemplateResponse(request, self.get_template(request), context)
        if request.method == "POST":
            form = self.get_form(request.POST, page=self, user=request.user)
            if form.is_spam or over_limit(request, "volunteer", limit=5, window_seconds=3600):
                # Robots and floods get the same confirmation and leave nothing behind.
                return self.render_landing_page(request, None, *args, **kwargs)
            if form.is_valid():
                submission = self.process_form_submission(form)
                return self.render_landing_page(request, submission, *args, **kwargs)
        else:
            form = self.get_form(page=self, user=request.user)
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context)

    @transaction.atomic
    def process_form_submission(self, form):
        data = dict(form.cleaned_data)
        data.pop("website", None)
        township = data["township"]
        data["township"] = township.name
        submission = FormSubmission.objects.create(form_data=data, page=self)
        extra = {
            key: value
            for key, value in data.items()
            if key not in {"name", "phone", "township", "skills", "availability"}
        }
        Volunteer.objects.create(
            name=data["name"],
            phone=data["phone"],
            township=township,
            skills="、".join(data.get("skills") or []),
            availability=data["availability"],
            answers=extra,
            submission=submission,
        )
        return submission


class Volunteer(RevisionMixin, index.Indexed, models.Model):
    """A volunteer in the registry, from application to inactive. Staff move them along the
    lifecycle; each change is kept as a revision and in the audit log."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("applied")
        APPROVED = "approved", pgettext_lazy("volunteer status", "approved")
        ACTIVE = "active", pgettext_lazy("volunteer status", "active")
        INACTIVE = "inactive", _("inactive")

    # Where each status may go next; anything else is refused with a clear message.
    TRANSITIONS = {
        Status.APPLIED: {Status.APPROVED, Status.INACTIVE},
        Status.APPROVED: {Status.ACTIVE, Status.INACTIVE},
        Status.ACTIVE: {Status.INACTIVE},
        Status.INACTIVE: {Status.ACTIVE},
    }

    name = models.CharField(_("name"), max_length=50, help_text=_("The volunteer's name."))
    phone = models.CharField(
        _("phone"),
        max_length=30,
        validators=[phone_validator],
        help_text=_("Only staff see it; never published."),
    )
    township = models.ForeignKey(
        "protection.Township",
        verbose_name=_("township"),
        on_delete=models.PROTECT,
        related_name="volunteers",
        help_text=_("Where the volunteer helps."),
    )
    station = models.ForeignKey(
        "content.ServicePoint",
        verbose_name=_("volunteer station"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="volunteers",
        limit_choices_to={"kind": "volunteer_station"},
        help_text=_("The station the volunteer joins once approved."),
    )
    skills = models.CharField(
        _("skills"),
        max_length=300,
        blank=True,
        help_text=_("Separated by 、 e.g. 心理辅导、法律咨询."),
    )
    availability = models.CharField(
        _("availability"),
        max_length=20,
        choices=Availability.choices,
        help_text=_("When the volunteer can come."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.APPLIED,
        help_text=_("applied → approved → active → inactive."),
    )
    notes = models.TextField(
        _("staff notes"), blank=True, help_text=_("Interview, training done, references.")
    )
    answers = models.JSONField(
        _("other answers"), default=dict, blank=True, help_text=_("Answers to extra questions.")
    )
    submission = models.OneToOneField(
        FormSubmission,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="volunteer",
    )
    applied_at = models.DateTimeField(_("applied at"), default=timezone.now, editable=False)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("phone")]),
        FieldRowPanel([FieldPanel("township"), FieldPanel("station")]),
        FieldRowPanel([FieldPanel("skills"), FieldPanel("availability")]),
        FieldPanel("status"),
        FieldPanel("notes"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["-applied_at"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.pk is None:
            return
        before = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
        if before and before != self.status and self.status not in self.TRANSITIONS[before]:
            raise ValidationError(
                {
                    "status": _("A volunteer cannot go from “%(before)s” to “%(after)s”.")
                    % {
                        "before": self.Status(before).label,
                        "after": self.Status(self.status).label,
                    }
                }
            )
