"""Publicity campaigns (五(八), 六 市委宣传部, 七(四)): what the publicity department plans, gets
approved, runs in the media and reports on — one record per campaign, with its placements (a
channel, an outlet, dates) and the results of each."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.models import LockableMixin, Orderable, RevisionMixin
from wagtail.search import index


class Channel(models.TextChoices):
    TV = "tv", _("television")
    RADIO = "radio", _("radio")
    NEWSPAPER = "newspaper", _("newspaper")
    WECHAT = "wechat", _("WeChat official account")
    WEBSITE = "website", _("website")
    POSTERS = "posters", _("posters and leaflets")
    COMMUNITY = "community", _("community events")
    SCHOOL = "school", _("school talks")


class PublicityCampaign(LockableMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """A campaign's lifecycle: draft → approved → running → finished. Only these steps are
    allowed, so the record says truthfully where the campaign stands."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", pgettext_lazy("campaign status", "approved")
        RUNNING = "running", _("running")
        FINISHED = "finished", _("finished")

    TRANSITIONS = {
        Status.DRAFT: {Status.APPROVED},
        Status.APPROVED: {Status.DRAFT, Status.RUNNING},
        Status.RUNNING: {Status.FINISHED},
        Status.FINISHED: set(),
    }

    theme = models.CharField(
        _("theme"), max_length=120, help_text=_("e.g. 关爱困境儿童 共建蓝天家园.")
    )
    goals = models.TextField(
        _("goals"), help_text=_("What the campaign should change, and for whom.")
    )
    starts_on = models.DateField(_("starts on"), help_text=_("First day of the campaign."))
    ends_on = models.DateField(_("ends on"), help_text=_("Last day of the campaign."))
    responsible_units = ParentalManyToManyField(
        "protection.Department",
        verbose_name=_("responsible units"),
        blank=True,
        related_name="campaigns",
        help_text=_("The units that run it (市委宣传部, 文明办, 妇联 …)."),
    )
    budget = models.DecimalField(
        _("budget (yuan)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Approved budget in yuan."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text=_("draft → approved → running → finished."),
    )
    summary_of_results = models.TextField(
        _("summary of results"),
        blank=True,
        help_text=_("Written when the campaign is finished; the figures are per placement."),
    )

    panels = [
        FieldPanel("theme"),
        FieldPanel("goals"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("responsible_units"),
        FieldRowPanel([FieldPanel("budget"), FieldPanel("status")]),
        InlinePanel("placements", heading=_("placements and results"), label=_("placement")),
        InlinePanel("linked_pages", heading=_("pages on the site"), label=_("page")),
        InlinePanel("materials", heading=_("materials"), label=_("material")),
        FieldPanel("summary_of_results"),
    ]
    search_fields = [index.SearchField("theme"), index.AutocompleteField("theme")]

    class Meta:
        verbose_name = _("publicity campaign")
        verbose_name_plural = _("publicity campaigns")
        ordering = ["-starts_on"]

    def __str__(self):
        return self.theme

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The campaign cannot end before it starts.")
        before = (
            type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if self.pk
            else self.Status.DRAFT
        )
        if before != self.status and self.status not in self.TRANSITIONS[before]:
            errors["status"] = _("A campaign cannot go from “%(before)s” to “%(after)s”.") % {
                "before": self.Status(before).label,
                "after": self.Status(self.status).label,
            }
        if errors:
            raise ValidationError(errors)

    @property
    def channels(self):
        return sorted({p.get_channel_display() for p in self.placements.all()})


class CampaignPlacement(Orderable):
    """One appearance of the campaign: a channel, an outlet, dates, and what it achieved."""

    campaign = ParentalKey(PublicityCampaign, related_name="placements", on_delete=models.CASCADE)
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, help_text=_("Where it appears.")
    )
    outlet = models.CharField(
        _("media outlet"),
        max_length=100,
        blank=True,
        help_text=_("e.g. 荥阳电视台, 荥阳发布 (WeChat), 城关乡中心小学."),
    )
    starts_on = models.DateField(_("from"), help_text=_("First day."))
    ends_on = models.DateField(_("to"), help_text=_("Last day; the same as the first for one day."))
    description = models.CharField(
        _("what"), max_length=200, blank=True, help_text=_("e.g. 公益广告 30 秒, 每晚黄金时段.")
    )
    reach = models.PositiveIntegerField(
        _("reach"), null=True, blank=True, help_text=_("Views, readers or listeners, if known.")
    )
    events_held = models.PositiveIntegerField(
        _("events held"), null=True, blank=True, help_text=_("Talks or community events held.")
    )
    people_reached = models.PositiveIntegerField(
        _("people reached"), null=True, blank=True, help_text=_("People who attended in person.")
    )

    panels = [
        FieldRowPanel([FieldPanel("channel"), FieldPanel("outlet")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("reach"), FieldPanel("events_held"), "people_reached"])],
            heading=_("results"),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("placement")
        verbose_name_plural = _("placements")

    def __str__(self):
        return f"{self.get_channel_display()} {self.outlet}".strip()

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A placement cannot end before it starts.")})


class CampaignPage(Orderable):
    campaign = ParentalKey(PublicityCampaign, related_name="linked_pages", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("A news article or page that belongs to the campaign."),
    )

    panels = [PageChooserPanel("page")]


class CampaignMaterial(Orderable):
    campaign = ParentalKey(PublicityCampaign, related_name="materials", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Poster, script, leaflet, press release."),
    )

    panels = [FieldPanel("document")]
