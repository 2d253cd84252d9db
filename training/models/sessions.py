"""Training sessions (seed 五(八)) and who came to them.

A session belongs to one organising unit, is given by trainers at a venue, and runs through
planned → confirmed → held, or is cancelled. Registrations are the people who signed up, on the
public site or through staff; checking them in on the day is what the figures count."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from lantian.phones import phone_validator
from protection.models import Department, Township, Village

from .catalogue import TargetGroup, Topic, Trainer, Venue


class TrainingSeries(models.Model):
    """Sessions created together as a recurring series ("monthly for a year"); each occurrence
    stays an ordinary session, edited on its own."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("weekly")
        FORTNIGHTLY = "fortnightly", _("every two weeks")
        MONTHLY = "monthly", _("monthly")

    title = models.CharField(_("title"), max_length=120)
    frequency = models.CharField(_("repeats"), max_length=15, choices=Frequency.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("training series")
        verbose_name_plural = _("training series")

    def __str__(self):
        return f"{self.title}（{self.get_frequency_display()}）"


class TrainingSession(ClusterableModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        CONFIRMED = "confirmed", _("confirmed")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    # Which status may follow which: a held or cancelled session is history. A planned session
    # may be marked held directly: nobody should have to confirm after the fact.
    TRANSITIONS = {
        Status.PLANNED: {Status.PLANNED, Status.CONFIRMED, Status.HELD, Status.CANCELLED},
        Status.CONFIRMED: {Status.CONFIRMED, Status.HELD, Status.CANCELLED},
        Status.HELD: {Status.HELD},
        Status.CANCELLED: {Status.CANCELLED},
    }

    title = models.CharField(_("title"), max_length=120, help_text=_("e.g. 防拐报警知识进村培训."))
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("What participants will learn; shown on the public session page."),
    )
    topics = ParentalManyToManyField(
        Topic, verbose_name=_("topics"), related_name="sessions", help_text=_("At least one.")
    )
    target_groups = ParentalManyToManyField(
        TargetGroup,
        verbose_name=_("target groups"),
        blank=True,
        related_name="sessions",
        help_text=_("Who the session is for."),
    )
    trainers = ParentalManyToManyField(
        Trainer,
        verbose_name=_("trainers"),
        blank=True,
        related_name="sessions",
        help_text=_("A trainer cannot be booked for two sessions at the same time."),
    )
    organiser = models.ForeignKey(
        Department,
        verbose_name=_("organising unit"),
        on_delete=models.PROTECT,
        related_name="training_sessions",
        help_text=_("The unit responsible for the session (卫计委, 司法局, 妇联 …)."),
    )
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sessions",
        help_text=_("A venue cannot hold two sessions at the same time."),
    )
    township = models.ForeignKey(
        Township,
        verbose_name=_("township"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="training_sessions",
        help_text=_("Where the session is held; taken from the venue when one is chosen."),
    )
    village = models.ForeignKey(
        Village,
        verbose_name=_("village or residents' committee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_sessions",
        help_text=_("Training in a village without a venue: the committee that hosts it."),
    )
    place = models.CharField(
        _("place"),
        max_length=200,
        blank=True,
        help_text=_("Without a venue: where to come, e.g. 槐西村村委会院内."),
    )
    start = models.DateTimeField(_("start"), help_text=_("Beijing time."))
    end = models.DateTimeField(_("end"), help_text=_("Beijing time; after the start."))
    capacity = models.PositiveIntegerField(
        _("capacity"),
        validators=[MinValueValidator(1)],
        help_text=_("Registrations accepted; not more than the venue's seats."),
    )
    is_public = models.BooleanField(
        _("public"),
        default=True,
        help_text=_("Public sessions appear in the public calendar and take sign-ups there."),
    )
    registration_opens = models.DateTimeField(
        _("registration opens"),
        null=True,
        blank=True,
        help_text=_("Leave empty to open registration at once."),
    )
    registration_closes = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Leave empty to close registration when the session starts."),
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.PLANNED,
        help_text=_("Planned → confirmed → held, or cancelled."),
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("For the organisers only; never shown publicly.")
    )
    materials = ParentalManyToManyField(
        "training.Material",
        verbose_name=_("materials"),
        blank=True,
        related_name="sessions",
        help_text=_("Handouts and slides participants can download from the session page."),
    )
    series = models.ForeignKey(
        TrainingSeries,
        verbose_name=_("series"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
        editable=False,
    )
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("organiser", widget=forms.Select),
                FieldPanel("trainers", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("who"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                # Form-only fields of TrainingSessionForm, shown when creating a session.
                FieldRowPanel([FieldPanel("repeat"), FieldPanel("occurrences")]),
                FieldPanel("venue", widget=forms.Select),
                FieldPanel("township", widget=forms.Select),
                FieldPanel("village", widget=forms.Select),
                FieldPanel("place"),
                FieldPanel("capacity"),
            ],
            heading=_("when and where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("is_public"),
                FieldRowPanel(
                    [FieldPanel("registration_opens"), FieldPanel("registration_closes")]
                ),
            ],
            heading=_("registration"),
        ),
        FieldPanel("status"),
        FieldPanel("materials", widget=forms.CheckboxSelectMultiple),
        FieldPanel("notes"),
    ]

    class Meta:
        ordering = ["start"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        indexes = [models.Index(fields=["start", "end"])]

    def __str__(self):
        local = timezone.localtime(self.start) if self.start else None
        return f"{local:%Y-%m-%d %H:%M} {self.title}" if local else self.title

    def save(self, *args, **kwargs):
        if self.venue_id:
            self.township_id = self.venue.township_id
        elif self.village_id:
            self.township_id = self.village.township_id
        super().save(*args, **kwargs)

    @property
    def where(self):
        if self.venue_id:
            address = f"（{self.venue.address}）" if self.venue.address else ""
            return f"{self.venue.name}{address}"
        village = self.village.name if self.village_id else ""
        return " ".join(part for part in (village, self.place) if part)

    def occurrence(self, start, end):
        """An unsaved copy of this session at another time, in the same series."""
        copy = TrainingSession(
            **{
                f.attname: getattr(self, f.attname)
                for f in self._meta.concrete_fields
                if f.attname not in ("id", "start", "end", "reminder_sent_at", "created_at")
            },
            start=start,
            end=end,
        )
        for name in ("topics", "target_groups", "trainers", "materials"):
            setattr(copy, name, list(getattr(self, name).all()))
        return copy

    @property
    def seats_left(self):
        """Seats still free; uses the `registered` count a listing annotates, if any."""
        taken = getattr(self, "registered", None)
        if taken is None:
            taken = self.registrations.count()
        return max(self.capacity - taken, 0)

    def registration_closes_at(self):
        return self.registration_closes or self.start

    def registration_state(self, now=None):
        """'open', or why registration is not open: not-public, cancelled, not-yet, closed."""
        now = now or timezone.now()
        if not self.is_public:
            return "not-public"
        if self.status in (self.Status.CANCELLED, self.Status.HELD):
            return "closed"
        if self.registration_opens and now < self.registration_opens:
            return "not-yet"
        if now >= self.registration_closes_at():
            return "closed"
        return "open"


class RegistrationQuerySet(models.QuerySet):
    def attended(self):
        return self.filter(checked_in_at__isnull=False)


class Registration(models.Model):
    """One person signed up for a session, and whether they came."""

    class Source(models.TextChoices):
        PUBLIC = "public", _("public sign-up")
        STAFF = "staff", _("entered by staff")
        IMPORT = "import", _("imported")

    session = models.ForeignKey(
        TrainingSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="registrations",
        help_text=_("The session the person signed up for."),
    )
    name = models.CharField(_("full name"), max_length=50, help_text=_("As on the certificate."))
    phone = models.CharField(
        _("phone"),
        max_length=30,
        validators=[phone_validator],
        help_text=_("To reach the person if the session changes; one registration per number."),
    )
    email = models.EmailField(
        _("e-mail"),
        blank=True,
        help_text=_("Optional; a reminder is sent here before the session."),
    )
    township = models.ForeignKey(
        Township,
        verbose_name=_("township"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="training_registrations",
        help_text=_("Where the person lives or works."),
    )
    organisation = models.CharField(
        _("village or unit"),
        max_length=100,
        blank=True,
        help_text=_("e.g. 槐西村村委会."),
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.STAFF, editable=False
    )
    checked_in_at = models.DateTimeField(
        _("checked in"), null=True, blank=True, help_text=_("Set when the person arrives.")
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    objects = RegistrationQuerySet.as_manager()

    panels = [
        FieldPanel("session"),
        FieldPanel("name"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("township", widget=forms.Select),
        FieldPanel("organisation"),
        FieldPanel("checked_in_at"),
    ]

    class Meta:
        ordering = ["session", "created_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "phone"], name="training_one_registration_per_phone"
            )
        ]

    def __str__(self):
        return f"{self.name} · {self.session.title}"

    @property
    def attended(self):
        return self.checked_in_at is not None

    def clean(self):
        """Staff entering a registration in the admin meet the same seat limit as the public
        (whose sign-up also locks the session row: training.registration)."""
        from training.forms import normalise_phone

        self.phone = normalise_phone(self.phone)
        if self.pk is None and self.session_id:
            session = self.session
            if session.registrations.count() >= session.capacity:
                raise ValidationError(
                    _("The session has %(capacity)d places and they are all taken.")
                    % {"capacity": session.capacity}
                )
